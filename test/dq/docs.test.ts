import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { RULE_TYPES, ruleSchema, rulesFileSchema } from '../../engine/model/rules-schema.ts';
import { DEFAULT_RULES, readRules } from '../../engine/read/read-rules.ts';

/** docs/dq.md stays in step with the rule schema and the shipped rules. */
describe('docs/dq.md', () => {
  const doc = readFileSync('docs/dq.md', 'utf8');

  test('documents every key of a rule and of the rules file as `key`', () => {
    const keys = [...Object.keys((ruleSchema() as any).properties), ...Object.keys((rulesFileSchema() as any).properties), 'spike_factor'];
    expect(keys.filter((k) => !doc.includes(`\`${k}\``))).toEqual([]);
  });

  test('describes every rule type and lists every shipped rule', () => {
    expect(RULE_TYPES.filter((t) => !doc.includes(`**${t}**`))).toEqual([]);
    const names = readRules(DEFAULT_RULES).ruleSet!.rules.map((r) => r.name);
    expect(names.filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
  });
});

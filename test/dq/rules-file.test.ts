import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES, readRules } from '../../engine/read/read-rules.ts';
import { rulesFileSchema } from '../../engine/model/rules-schema.ts';
import { formatDiagnostics } from '../../engine/diagnostics/format.ts';
import { cli } from '../helpers/cli.ts';
import { csv, I_HEAD, mapping, METERS, SP, workspace } from './util.ts';

const SCHEMA_BROKEN = `rules:
  - table: intervals
    type: not_null
    colums: [meter_id]
  - table: intervals
    type: not_nul
    columns: [meter_id]
  - name: bad_threshold
    table: intervals
    type: not_null
    columns: [meter_id]
    error_if: "more than 5"
`;

const RESOLVE_BROKEN = `rules:
  - table: intervals
    type: not_null
    columns: [meter_idd]
  - table: intervals
    type: accepted_values
    column: unit
  - name: bad_where
    table: intervals
    type: range
    column: value
    min: 0
    where: "value >>> 3"
  - name: same
    table: meters
    type: unique
    columns: [meter_id]
  - name: same
    table: meters
    type: not_null
    columns: [meter_id]
  - table: usage_daily
    type: row_count
    min: 1
    action: quarantine
`;

describe('rules files', () => {
  const ws = workspace();
  const check = (name: string, text: string) => {
    const { ruleSet, diagnostics } = readRules(ws.write(name, text));
    expect(ruleSet).toBeUndefined();
    return { diagnostics, text: formatDiagnostics(diagnostics, ws.dir) };
  };

  test('schema problems: unknown key and rule type with did-you-mean, bad threshold text — at file:line:column', () => {
    const { diagnostics, text } = check('schema-broken.yaml', SCHEMA_BROKEN);
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.at?.column, d.hint])).toEqual([
      ['schema-unknown-key', 4, 5, "did you mean 'columns'?"],
      ['schema-enum', 6, 11, "did you mean 'not_null'?"],
      ['schema-invalid', 12, 15, undefined],
    ]);
    expect(text).toContain("schema-broken.yaml:4:5: error [schema-unknown-key] unknown key 'colums' in rules[0] (at rules[0].colums)\n  hint: did you mean 'columns'?");
    expect(text).toContain("schema-broken.yaml:6:11: error [schema-enum] 'not_nul' is not allowed for 'rules[1].type'");
    expect(text).toContain("schema-broken.yaml:12:15: error [schema-invalid] 'rules[2].error_if' must match pattern");
  });

  test('rule problems: unknown column, missing option, bad where, duplicate names, quarantine on a stage table', () => {
    const { diagnostics, text } = check('resolve-broken.yaml', RESOLVE_BROKEN);
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.at?.column])).toEqual([
      ['rule-unknown-column', 4, 14],
      ['rule-missing-option', 5, 5],
      ['expr-syntax', 13, 20],
      ['rule-duplicate-name', 18, 11],
      ['rule-invalid', 25, 13],
    ]);
    expect(text.split('\n')).toEqual([
      "resolve-broken.yaml:4:14: error [rule-unknown-column] rule 'intervals__not_null__meter_idd': 'meter_idd' is not a column of 'intervals' (at rules[0].columns)",
      "  hint: did you mean 'meter_id'?",
      "resolve-broken.yaml:5:5: error [rule-missing-option] rule 'intervals__accepted_values__unit' of type accepted_values needs 'values' (at rules[1])",
      expect.stringMatching(/^resolve-broken\.yaml:13:20: error \[expr-syntax\] JSONata syntax error in 'value >>> 3': .* \(at rules\[2\]\.where\)$/),
      "resolve-broken.yaml:18:11: error [rule-duplicate-name] two rules are named 'same' (at rules[4].name)",
      '  hint: give one of them an explicit name',
      "resolve-broken.yaml:25:13: error [rule-invalid] rule 'usage_daily__row_count': quarantine moves rows of a standardized table: it needs a row rule on one (not before_dedupe) (at rules[5].action)",
    ]);
  });

  test('through the CLI a broken rules file exits 2 with the diagnostics (gridflow dq and gridflow run)', async () => {
    const broken = ws.write('broken.yaml', RESOLVE_BROKEN);
    const out = path.join(ws.dir, 'empty-out');
    mkdirSync(out, { recursive: true });
    const dq = await cli('dq', '--rules', broken, '--out', out);
    expect(dq.code).toBe(2);
    expect(dq.err).toContain('broken.yaml:4:14: error [rule-unknown-column]');
    expect(dq.out).toBe('');
    const ok = await cli('dq', '--rules', ws.write('ok.yaml', 'rules:\n  - { table: intervals, type: row_count, min: 1 }\n'), '--out', out);
    expect(ok.code).toBe(0);
    const run = await cli('run', '-q', '--mapping', 'mappings/utility1.yaml', '--rules', broken, '--out', out);
    expect(run.code).toBe(2);
    expect(run.err).toContain('broken.yaml:25:13: error [rule-invalid]');
  });

  test('the shipped dq/rules.yaml is valid and the generated JSON Schema is current', () => {
    const { ruleSet, diagnostics } = readRules(DEFAULT_RULES);
    expect(diagnostics).toEqual([]);
    expect(ruleSet!.spikeFactor).toBe(2);
    expect(ruleSet!.rules).toHaveLength(27);
    expect(new Set(ruleSet!.rules.map((r) => r.name)).size).toBe(27);
    // every shipped rule reports, but empty intervals stop the publish (issue 9, item 18)
    expect(ruleSet!.rules.filter((r) => r.action !== 'report').map((r) => `${r.name}: ${r.action}`)).toEqual(['intervals_not_empty: fail']);
    expect(ruleSet!.rules.every((r) => r.utilities === undefined)).toBe(true);
    expect(JSON.parse(readFileSync('schemas/dq-rules.schema.json', 'utf8'))).toEqual(rulesFileSchema());
  });

  test('rules inside a mapping apply to that utility only', async () => {
    const rules = "rules:\n  - { name: from_mapping, table: intervals, type: expression, expr: \"quality = 'VAL'\" }\n";
    const w = workspace({
      'a.yaml': mapping({ utility: 'A', rules: rules.replace('rules:\n', '') }),
      'b.yaml': mapping({ utility: 'B' }),
      'sp.csv': SP,
      'm.csv': METERS,
      'i.csv': csv(I_HEAD, ['M1,S1,c,2025-01-01T00:00:00Z,1,kWh,VAL', 'M1,S1,c,2025-01-01T00:15:00Z,1,kWh,EST']),
    });
    const plan = w.plan('a.yaml');
    expect(plan.rules.map((r) => [r.name, r.utilities, r.origin])).toEqual([['from_mapping', ['A'], `${path.join(w.dir, 'a.yaml')}:${mapping().split('\n').length + 1}`]]);
    const { result } = await w.run({ mappings: ['a.yaml', 'b.yaml'], rules: 'rules:\n  - { name: everywhere, table: intervals, type: row_count, min: 1 }\n' });
    const of = (rule: string) => result.dq.results.filter((r) => r.rule === rule).map((r) => [r.utility, r.status, r.failing]);
    expect(of('from_mapping')).toEqual([['A', 'error', 1]]);
    expect(of('everywhere')).toEqual([['A', 'pass', 0], ['B', 'pass', 0]]);
  });

  test('a mapping rule named like a rules-file rule does not give two results of one name for a utility', async () => {
    // history, spikes and change_pct are keyed by utility/rule: two rules of one name would mix their counts.
    // Either outcome is fine: the clash is rejected, or the mapping's rule replaces the shared one.
    const w = workspace({
      'mapping.yaml': mapping({ rules: '  - { name: x, table: intervals, type: range, column: value, min: 0 }\n' }),
      'sp.csv': SP,
      'm.csv': METERS,
      'i.csv': csv(I_HEAD, ['M1,S1,c,2025-01-01T00:00:00Z,-1,kWh,VAL']),
    });
    const outcome = await w.run({ rules: 'rules:\n  - { name: x, table: intervals, type: not_null, columns: [meter_id] }\n' }).then(
      (r) => r.result.dq.results.filter((x) => x.rule === 'x').map((x) => x.type),
      (e: Error) => `rejected: ${e.message}`,
    );
    if (typeof outcome === 'string') expect(outcome).toMatch(/^rejected: .*\bx\b/);
    else expect(outcome, 'results named x').toHaveLength(1);
  });
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadYamlFile } from './yaml-source.ts';
import { validateAgainstSchema } from './validate-schema.ts';
import { rulesFileSchema } from '../model/rules-schema.ts';
import { resolveRules } from './resolve-rules.ts';
import type { RulePlan, RuleSet } from '../plan/rules.ts';

export type { RuleSet };

/** The rules shipped with gridflow, applied to every utility unless another file is given. */
export const DEFAULT_RULES = fileURLToPath(new URL('../../dq/rules.yaml', import.meta.url));

/** Reads a rules file: YAML with positions → JSON Schema → resolved rules, with file:line diagnostics. */
export function readRules(file: string): { ruleSet?: RuleSet; diagnostics: Diagnostic[] } {
  const loaded = loadYamlFile(path.resolve(file), 'rules file');
  if (!loaded.source) return { diagnostics: loaded.diagnostics };
  const schemaDiags = validateAgainstSchema(loaded.source, schema(), 'the rules file');
  if (schemaDiags.length) return { diagnostics: schemaDiags };
  const value = loaded.source.value as { rules: Record<string, any>[]; history?: { spike_factor?: number } };
  const { rules, diagnostics } = resolveRules(loaded.source, value.rules, ['rules']);
  if (diagnostics.length) return { diagnostics };
  return { ruleSet: { rules, spikeFactor: value.history?.spike_factor ?? 2 }, diagnostics };
}

let cached: Record<string, unknown> | undefined;
function schema(): Record<string, unknown> {
  return (cached ??= rulesFileSchema());
}


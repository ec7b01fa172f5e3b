import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadYamlFile } from '../read/yaml-source.ts';
import { validateAgainstSchema } from '../read/validate-schema.ts';
import { rulesFileSchema } from './rules-schema.ts';
import { resolveRules } from './resolve-rules.ts';
import type { RulePlan } from './types.ts';

/** The rules shipped with gridflow, applied to every utility unless another file is given. */
export const DEFAULT_RULES = fileURLToPath(new URL('../../dq/rules.yaml', import.meta.url));

export interface RuleSet {
  rules: RulePlan[];
  spikeFactor: number;
}

/** Reads a rules file: YAML with positions → JSON Schema → resolved rules, with file:line diagnostics. */
export function readRules(file: string): { ruleSet?: RuleSet; diagnostics: Diagnostic[] } {
  const loaded = loadYamlFile(path.resolve(file));
  if (!loaded.source) return { diagnostics: loaded.diagnostics };
  const schemaDiags = validateAgainstSchema(loaded.source, schema());
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

/**
 * The rules to check: the shared rules, except where a mapping declares a rule of the same name —
 * that rule replaces the shared one for the mapping's utility.
 */
export function combineRules(shared: RulePlan[], mappings: { utility: string; rules: RulePlan[] }[]): RulePlan[] {
  const own = mappings.flatMap((m) => m.rules.map((r) => ({ utility: m.utility, rule: r })));
  const combined = shared.map((r) => {
    const except = own.filter((o) => o.rule.name === r.name).map((o) => o.utility);
    return except.length ? { ...r, exceptUtilities: except } : r;
  });
  return [...combined, ...own.map((o) => o.rule)];
}

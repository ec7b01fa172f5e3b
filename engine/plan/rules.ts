import type { RuleType } from '../model/rules-schema.ts';

/** A resolved data-quality rule (plain JSON, part of what `gridflow compile` can show). */
export interface RulePlan {
  name: string;
  description?: string;
  table: string;
  type: RuleType;
  columns: string[];
  /** Options of the rule type, as written (values, to, min, max, compare, expr, …). */
  options: Record<string, unknown>;
  where?: string;
  utilities?: string[];
  /** Utilities whose mapping declares a rule of the same name, which replaces this one for them. */
  exceptUtilities?: string[];
  beforeDedupe: boolean;
  warnIf?: Threshold;
  errorIf?: Threshold;
  action: 'report' | 'quarantine' | 'fail';
  /** Where it was declared: `file:line`. */
  origin: string;
}

export interface Threshold {
  op: '>' | '>=' | '<' | '<=' | '=' | '!=';
  value: number;
  percent: boolean;
  text: string;
}

export type RuleStatus = 'pass' | 'warn' | 'error' | 'skipped';

export interface RuleSet {
  rules: RulePlan[];
  spikeFactor: number;
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

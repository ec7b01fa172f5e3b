import type { RuleType } from './rules-schema.ts';

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

export interface RuleResult {
  rule: string;
  table: string;
  type: RuleType;
  utility: string;
  status: RuleStatus;
  action: RulePlan['action'];
  /** Failing rows (or failing checks, for row_count and freshness). */
  failing: number;
  /** Rows in scope (after `where`). */
  total: number;
  percent: number;
  /** Distinct failing keys (relationship: orphan keys; unique/duplicates: repeated keys). */
  distinctKeys?: number;
  sample: string[];
  detail?: string;
  /** Failing count of the previous run, when the history has one. */
  previous?: number;
  spike?: boolean;
  quarantined?: number;
}

import type { RuleType } from '../model/rules-schema.ts';
import type { RulePlan, RuleStatus } from '../plan/rules.ts';

export type { RuleStatus };

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

export interface EvaluateOptions {
  /** Failing rows kept per report-only rule. */
  sampleCap: number;
  spikeFactor: number;
  /** Previous run's result per `utility/rule`. */
  previous: Map<string, { failing: number; total: number }>;
  /** Run mode: the working table of a standardized table, where quarantined rows are deleted. */
  quarantineFrom?: (table: string) => string;
}

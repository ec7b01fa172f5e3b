import type { RulePlan } from '../plan/rules.ts';

/**
 * Working tables of the checks: stored failing rows (a capped sample per rule, once per access
 * level: `internal` or `external`) and quarantined rows; each checked rule's failing rows and sample
 * (`failing`, `sample`: the rule's position among the checked ones) until its phase has stored them.
 */
export const dqTables = {
  failing: (rule: number) => `gf_dq_failing_${rule}`,
  sample: (rule: number) => `gf_dq_sample_${rule}`,
  failures: 'gf_dq_failures',
  quarantine: 'gf_quarantine',
};
export const FAILURES_SQL = `CREATE TEMP TABLE IF NOT EXISTS ${dqTables.failures} (utility_id VARCHAR, level VARCHAR, \
rule VARCHAR, "table" VARCHAR, status VARCHAR, source_file VARCHAR, source_line BIGINT, record VARCHAR)`;
export const QUARANTINE_SQL = `CREATE TEMP TABLE IF NOT EXISTS ${dqTables.quarantine} (utility_id VARCHAR, "table" VARCHAR, \
rule VARCHAR, reason VARCHAR, source_file VARCHAR, source_line BIGINT, record VARCHAR)`;

/** A rule applies to the utilities it names (all by default), except those that override it. */
export function appliesTo(rule: RulePlan, utility: string): boolean {
  return (!rule.utilities || rule.utilities.includes(utility)) && !rule.exceptUtilities?.includes(utility);
}

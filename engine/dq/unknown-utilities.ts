import type { RulePlan } from '../plan/rules.ts';
import type { RuleResult } from './types.ts';

/**
 * A rule whose `utilities:` names a utility that is not checked here (not in the run, or with no
 * published rows for `gridflow dq`) never runs for it: one skipped result per such name says so, with
 * the reason, instead of the rule vanishing from the snapshot.
 */
export function skippedForUnknownUtilities(rules: RulePlan[], utilities: string[]): RuleResult[] {
  const known = new Set(utilities);
  const list = [...known].sort().join(', ') || 'none';
  return rules.flatMap((rule) =>
    (rule.utilities ?? [])
      .filter((u) => !known.has(u))
      .map((utility) => ({
        rule: rule.name,
        table: rule.table,
        type: rule.type,
        utility,
        status: 'skipped' as const,
        action: rule.action,
        failing: 0,
        total: 0,
        percent: 0,
        sample: [],
        detail: `utilities names '${utility}', which is not among the utilities checked (${list})`,
      })),
  );
}

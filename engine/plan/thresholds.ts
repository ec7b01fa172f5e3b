import type { RulePlan, Threshold, RuleStatus } from './rules.ts';

/**
 * Thresholds, handled once for every rule type. A rule fails at `error` when `error_if` holds,
 * else at `warn` when `warn_if` holds. Defaults: `severity: error` (the default) means
 * error_if "> 0"; `severity: warn` means warn_if "> 0" and no error. Percentages are of the rows
 * in scope, so "> 1%" of 200 rows is more than 2 failing rows; a bound is exclusive or inclusive
 * exactly as written.
 */
export function parseThreshold(text: string): Threshold {
  const m = /^\s*(>=|<=|!=|==|=|>|<)\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(text);
  if (!m) throw new Error(`bad threshold '${text}'`);
  return { op: (m[1] === '==' ? '=' : m[1]) as Threshold['op'], value: Number(m[2]), percent: m[3] === '%', text: text.trim() };
}

export function defaultThresholds(severity: 'error' | 'warn' | undefined, warnIf?: string, errorIf?: string): { warnIf?: Threshold; errorIf?: Threshold } {
  if (warnIf !== undefined || errorIf !== undefined)
    return { warnIf: warnIf !== undefined ? parseThreshold(warnIf) : undefined, errorIf: errorIf !== undefined ? parseThreshold(errorIf) : undefined };
  return severity === 'warn' ? { warnIf: parseThreshold('> 0') } : { errorIf: parseThreshold('> 0') };
}

export function holds(t: Threshold, failing: number, total: number): boolean {
  const x = t.percent ? (total === 0 ? 0 : (failing / total) * 100) : failing;
  switch (t.op) {
    case '>':
      return x > t.value;
    case '>=':
      return x >= t.value;
    case '<':
      return x < t.value;
    case '<=':
      return x <= t.value;
    case '=':
      return x === t.value;
    case '!=':
      return x !== t.value;
  }
}

export function statusOf(rule: Pick<RulePlan, 'warnIf' | 'errorIf'>, failing: number, total: number): RuleStatus {
  if (rule.errorIf && holds(rule.errorIf, failing, total)) return 'error';
  if (rule.warnIf && holds(rule.warnIf, failing, total)) return 'warn';
  return 'pass';
}

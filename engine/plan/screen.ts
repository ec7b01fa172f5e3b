/**
 * The privacy screen of `usage_by_area` (New York PSC aggregation rules): each customer class is
 * screened by one rule — at least `min_customers` customers in a cell and no single customer above
 * `max_share` of the cell's total. `all` is the class of the all-class total rows. A class without
 * a rule is always suppressed.
 */
export interface ScreenRule {
  min_customers: number;
  max_share: number;
}

export interface ScreenPlan {
  /** Class → its rule (name and thresholds); classes not listed have no rule. */
  classes: Record<string, ScreenRule & { rule: string }>;
}

/** The rules every mapping starts from: NY's 15/15 (residential) and 6/40 (small commercial). */
export const DEFAULT_SCREEN_RULES: Record<string, ScreenRule> = {
  ny_15_15: { min_customers: 15, max_share: 0.15 },
  ny_6_40: { min_customers: 6, max_share: 0.4 },
};

/** Class → rule name by default; the all-class totals are screened like residential cells. */
export const DEFAULT_SCREEN_CLASSES: Record<string, string> = {
  residential: 'ny_15_15',
  small_commercial: 'ny_6_40',
  all: 'ny_15_15',
};

/** The screen of a mapping without a `privacy_screen` section. */
export function defaultScreen(): ScreenPlan {
  const classes = Object.fromEntries(
    Object.entries(DEFAULT_SCREEN_CLASSES).map(([c, rule]) => [c, { rule, ...DEFAULT_SCREEN_RULES[rule] }]),
  );
  return { classes };
}

import type { Dialect } from '../sql/dialect.ts';
import type { Statement } from '../sql/statement.ts';
import type { ScreenPlan } from '../plan/screen.ts';
import { areaCellsTable, CELL_COLUMNS } from './usage-area-cells-sql.ts';
import { complementarySql } from './usage-area-complementary-sql.ts';

export const areaScreenedTable = 'gf_area_screened';
export const usageByAreaTable = 'gf_usage_by_area';

/** Why a cell is suppressed; `complementary` cells pass the screen but would let one that fails be recovered. */
export const SUPPRESSION_REASONS = [
  'too_few_customers',
  'dominant_customer',
  'no_screen_rule',
  'complementary',
] as const;
/** The values of a cell, null when it is suppressed. */
const VALUES = [
  'customer_count',
  'total_usage',
  'peak_usage_value',
  'peak_usage_ts',
  'pit_usage_value',
  'pit_usage_ts',
];

/**
 * usage_by_area, step 2: the privacy screen over the cells.
 *  1. primary: a class without a rule fails (`no_screen_rule`); else fewer customers than the
 *     rule's minimum (`too_few_customers`), else one customer above its share (`dominant_customer`);
 *  2. complementary suppression (usage-area-complementary-sql.ts), so no failing cell can be
 *     recovered by subtracting published cells from a published total;
 *  3. the published rows: a suppressed cell keeps its key, flag and reason, and no values.
 */
export function areaScreenStatements(d: Dialect, zone: string, screen: ScreenPlan): Statement[] {
  const q = d.quoteIdent;
  const classes = Object.entries(screen.classes);
  const ruleOf = (field: 'min_customers' | 'max_share') =>
    classes.length === 0
      ? 'NULL'
      : `CASE customer_class ${classes.map(([c, r]) => `WHEN ${d.string(c)} THEN ${r[field]}`).join(' ')} END`;
  const reason = `CASE
    WHEN min_customers IS NULL THEN 'no_screen_rule'
    WHEN customer_count < min_customers THEN 'too_few_customers'
    WHEN largest_share > max_share THEN 'dominant_customer'
  END`;
  const rules = `${ruleOf('min_customers')} AS min_customers, ${ruleOf('max_share')} AS max_share`;
  const primary = `CREATE OR REPLACE TEMP TABLE ${q(areaScreenedTable)} AS
SELECT ${CELL_COLUMNS.join(', ')}, suppression_reason IS NOT NULL AS suppressed, suppression_reason
FROM (
  SELECT *, ${reason} AS suppression_reason
  FROM (SELECT *, ${rules} FROM ${q(areaCellsTable)}) r
) s`;
  const hidden = (c: string) => `CASE WHEN suppressed THEN NULL ELSE ${c} END AS ${c}`;
  const published = `CREATE OR REPLACE TEMP TABLE ${q(usageByAreaTable)} AS
WITH ${complementarySql(areaScreenedTable, 'screened')}
SELECT utility_id, zip, city, period, period_start, period_end,
  ${d.cast(d.instantToLocal('period_start', zone), 'date')} AS local_date, ${d.string(zone)} AS timezone,
  unit, direction, channel_raw, customer_class,
  ${VALUES.map(hidden).join(',\n  ')},
  suppressed, suppression_reason
FROM screened
ORDER BY zip, city, period, period_start, unit, direction, channel_raw, customer_class`;
  const step = (name: string, label: string, sql: string): Statement => ({
    name: `usage_by_area.${name}`,
    kind: 'create',
    label: `experience: ${label}`,
    sql,
  });
  return [
    step('screen', 'privacy screen of the area cells', primary),
    step('build', 'complementary suppression, usage_by_area', published),
  ];
}

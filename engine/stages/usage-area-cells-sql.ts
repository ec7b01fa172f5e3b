import type { Dialect } from '../sql/dialect.ts';
import type { Statement } from '../sql/statement.ts';
import { classPerTsTable, experienceBoundsTable } from './usage-per-ts-sql.ts';

export const areaCellsTable = 'gf_area_cells';

/** The columns that name a cell of usage_by_area (with `period_start`, one row per cell). */
export const CELL_KEY = [
  'utility_id',
  'zip',
  'city',
  'period',
  'period_start',
  'unit',
  'direction',
  'channel_raw',
  'customer_class',
];
/** The columns of a cell before the screen: its key, bounds, values and the largest customer's share. */
export const CELL_COLUMNS = [
  ...CELL_KEY,
  'period_end',
  'month_start',
  'customer_count',
  'total_usage',
  'largest_share',
  'peak_usage_value',
  'peak_usage_ts',
  'pit_usage_value',
  'pit_usage_ts',
];

/**
 * usage_by_area, step 1: the cells before the screen, from the usage per service point, class and
 * start time that usage_daily shares (usage-per-ts-sql.ts): every (ZIP, city, day|month, unit,
 * direction, class) and the all-class total (`customer_class = 'all'`): total usage, customers
 * (distinct service points), the largest customer's share of the cell (on absolute values, so net
 * and received usage count by size), and peak and pit of the cell's load (its customers' usage
 * summed per start time, start times flagged missing left out; the earliest on ties).
 * Reads of unknown unit are kept apart per raw channel, never summed across channels.
 */
export function areaCellStatements(d: Dialect): Statement[] {
  return [
    {
      name: 'usage_by_area.cells',
      kind: 'create',
      label: 'experience: area cells before the screen',
      sql: cellsSql(d),
    },
  ];
}

/**
 * The cells, each sum taken once: customers' usage per day, then months from days and the
 * all-class total from the classes (exact decimals, so the sums equal one sum over the reads); the
 * load per start time per class, then the all-class load from it. Peak and pit are found per day
 * (a start time's load is the same in its day and its month cell), then a month's from its days:
 * the month's peak is its largest day peak, at the earliest of those days' peak times.
 * Groups are keyed by the day's start only; its end and month come from the bounds after.
 */
function cellsSql(d: Dialect): string {
  const q = d.quoteIdent;
  const dec = (x: string) => `sum(${d.toDecimal(x)})`;
  const dbl = (x: string) => d.cast(x, 'double');
  // The usage of a service point per class and start time, as its double (as the cells always summed it).
  const usage = dbl('p.value');
  const area = ['utility_id', 'zip', 'city', 'unit', 'direction', 'channel_raw'].join(', ');
  const key = CELL_KEY.join(', ');
  const carried = `${key}, period_end, month_start`;
  const same = (a: string, b: string) => CELL_KEY.map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`).join(' AND ');
  // A UNION ALL is positional: the all-class rows name the cell's columns in CELL_KEY's order.
  const allClass = CELL_KEY.map((c) => (c === 'customer_class' ? `'all'` : c)).join(', ');
  const perPeriod = `SELECT ${area}, customer_class, 'day' AS period, day_start AS period_start, day_end AS period_end,
    month_start, service_point_id, usage
  FROM customer_days
  UNION ALL
  SELECT ${area}, customer_class, 'month', month_start, month_end, month_start, service_point_id, sum(usage)
  FROM customer_days
  GROUP BY ${area}, customer_class, month_start, month_end, service_point_id`;
  const classLoads = `SELECT ${area}, customer_class, ts, load FROM class_loads
  UNION ALL
  SELECT ${area}, 'all', ts, sum(load) FROM class_loads
  GROUP BY ${area}, ts`;
  const extremes = (v: string, at: string) =>
    `max(${v}) AS peak_usage_value, ${d.minBy(at, [`-${v}`, at])} AS peak_usage_ts, ` +
    `min(${v}) AS pit_usage_value, ${d.minBy(at, [v, at])} AS pit_usage_ts`;
  const pitFromDays = d.minBy('pit_usage_ts', ['pit_usage_value', 'pit_usage_ts']);
  const fromDays = `max(peak_usage_value) AS peak_usage_value,
    ${d.minBy('peak_usage_ts', ['-peak_usage_value', 'peak_usage_ts'])} AS peak_usage_ts,
    min(pit_usage_value) AS pit_usage_value, ${pitFromDays} AS pit_usage_ts`;
  return `CREATE OR REPLACE TEMP TABLE ${q(areaCellsTable)} AS
WITH days AS (
  SELECT DISTINCT day_start, day_end, month_start, month_end FROM ${q(experienceBoundsTable)}
),
customer_day_sums AS (
  SELECT ${area}, customer_class, b.day_start, service_point_id, ${dec(usage)} AS usage
  FROM ${q(classPerTsTable)} p
  JOIN ${q(experienceBoundsTable)} b ON b.ts = p.ts
  GROUP BY ${area}, customer_class, b.day_start, service_point_id
),
customer_days AS (
  SELECT c.*, y.day_end, y.month_start, y.month_end FROM customer_day_sums c JOIN days y ON y.day_start = c.day_start
),
class_customers AS (
  ${perPeriod}
),
customers AS (
  SELECT ${carried}, service_point_id, ${dbl('usage')} AS usage FROM class_customers
  UNION ALL
  SELECT ${allClass}, period_end, month_start, service_point_id, ${dbl('sum(usage)')}
  FROM class_customers
  GROUP BY ${area}, period, period_start, period_end, month_start, service_point_id
),
sizes AS (
  SELECT ${carried}, count(*) AS customer_count, ${dbl(dec('usage'))} AS total_usage,
    max(abs(usage)) / NULLIF(sum(abs(usage)), 0) AS largest_share
  FROM customers
  GROUP BY ${carried}
),
class_loads AS (
  SELECT ${area}, customer_class, p.ts, ${dec(usage)} AS load
  FROM ${q(classPerTsTable)} p
  WHERE NOT missing
  GROUP BY ${area}, customer_class, p.ts
),
all_loads AS (
  ${classLoads}
),
day_extremes AS (
  SELECT ${area}, customer_class, b.day_start, ${extremes(dbl('load'), 'l.ts')}
  FROM all_loads l
  JOIN ${q(experienceBoundsTable)} b ON b.ts = l.ts
  GROUP BY ${area}, customer_class, b.day_start
),
extremes AS (
  SELECT ${area}, 'day' AS period, day_start AS period_start, customer_class,
    peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts
  FROM day_extremes
  UNION ALL
  SELECT ${area}, 'month', y.month_start, customer_class, ${fromDays}
  FROM day_extremes e
  JOIN days y ON y.day_start = e.day_start
  GROUP BY ${area}, y.month_start, customer_class
)
SELECT ${CELL_COLUMNS.map((c) => (c.startsWith('peak_') || c.startsWith('pit_') ? `e.${c}` : `s.${c}`)).join(', ')}
FROM sizes s
LEFT JOIN extremes e ON ${same('e', 's')}`;
}

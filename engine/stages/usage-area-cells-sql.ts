import type { Dialect } from '../sql/dialect.ts';
import type { Statement } from '../sql/statement.ts';
import { boundaryInstantSql } from '../sql/timestamp-sql.ts';
import { usageIntervalTable } from './usage-interval-sql.ts';
import { exactSum, unknownChannel } from './usage-bucket-sql.ts';

export const areaBoundsTable = 'gf_area_bounds';
export const areaReadsTable = 'gf_area_reads';
export const areaPerTsTable = 'gf_area_per_ts';
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
 * usage_by_area, step 1: the cells before the screen. Reads the Product's join (every interval with
 * its service point's ZIP and city and its meter's customer class), placed reads only.
 *  1. bounds: the local day and month of each distinct start time, as instants;
 *  2. per_ts: usage per service point, class and start time (summed over its meters and channels;
 *     a start time is `missing` when any of its reads is), like usage_daily's first step;
 *  3. cells: every (ZIP, city, day|month, unit, direction, class) and the all-class total
 *     (`customer_class = 'all'`): total usage, customers (distinct service points), the largest
 *     customer's share of the cell (on absolute values, so net and received usage count by size),
 *     and peak and pit of the cell's load (its customers' usage summed per start time, start times
 *     flagged missing left out; the earliest on ties).
 * Reads of unknown unit are kept apart per raw channel, never summed across channels.
 */
export function areaCellStatements(d: Dialect, zone: string): Statement[] {
  const q = d.quoteIdent;
  const local = d.instantToLocal('ts', zone);
  const start = (unit: 'day' | 'month') => boundaryInstantSql(d, zone, d.dateTrunc(unit, local));
  const end = (unit: 'day' | 'month') => boundaryInstantSql(d, zone, d.addCalendar(d.dateTrunc(unit, local), unit));
  const product = q(usageIntervalTable);
  const periodBounds = (['day', 'month'] as const).map((p) => `${start(p)} AS ${p}_start, ${end(p)} AS ${p}_end`);
  const bounds = `CREATE OR REPLACE TEMP TABLE ${q(areaBoundsTable)} AS
SELECT ts, ${periodBounds.join(', ')}
FROM (SELECT DISTINCT interval_start_ts AS ts FROM ${product} WHERE service_point_id IS NOT NULL)`;
  // The Product's join is stored narrow first: in one statement its join and the aggregate held
  // memory at once and ran out of it at 10M rows (700MB), as usage_daily's did at 50M.
  const reads = `CREATE OR REPLACE TEMP TABLE ${q(areaReadsTable)} AS
SELECT utility_id, zip, city, COALESCE(customer_class, 'unknown') AS customer_class, unit,
  COALESCE(direction, 'unknown') AS direction, ${unknownChannel} AS channel_raw, service_point_id,
  interval_start_ts AS ts, value, quality = 'missing' AS missing
FROM ${product}
WHERE service_point_id IS NOT NULL`;
  const perTsKey = ['utility_id', 'zip', 'city', 'customer_class', 'unit', 'direction', 'channel_raw'];
  const perTs = `CREATE OR REPLACE TEMP TABLE ${q(areaPerTsTable)} AS
SELECT p.*, b.day_start, b.day_end, b.month_start, b.month_end
FROM (
  SELECT ${perTsKey.join(', ')}, service_point_id, ts, ${exactSum(d, 'value')} AS value,
    COALESCE(bool_or(missing), FALSE) AS missing
  FROM ${q(areaReadsTable)}
  GROUP BY ${perTsKey.join(', ')}, service_point_id, ts
) p
JOIN ${q(areaBoundsTable)} b ON b.ts = p.ts`;
  const step = (name: string, label: string, sql: string): Statement => ({
    name: `usage_by_area.${name}`,
    kind: 'create',
    label: `experience: ${label}`,
    sql,
  });
  return [
    step('bounds', 'local day and month per start time', bounds),
    step('reads', 'placed reads with their area and class', reads),
    step('per-ts', 'usage per service point, class and start time', perTs),
    {
      name: 'usage_by_area.drop-reads',
      kind: 'drop',
      label: 'experience: free the placed reads',
      sql: `DROP TABLE IF EXISTS ${q(areaReadsTable)}`,
    },
    step('cells', 'area cells before the screen', cellsSql(d)),
  ];
}

/**
 * The cells from the usage per service point and start time, each sum taken once: customers' usage
 * per day, then months from days and the all-class total from the classes (exact decimals, so the
 * sums equal one sum over the reads); the load per start time per class, then the all-class load
 * from it. A start time's load is the same in its day and its month cell, so it is computed once.
 */
function cellsSql(d: Dialect): string {
  const q = d.quoteIdent;
  const dec = (x: string) => `sum(${d.toDecimal(x)})`;
  const dbl = (x: string) => d.cast(x, 'double');
  const area = ['utility_id', 'zip', 'city', 'unit', 'direction', 'channel_raw'].join(', ');
  const key = CELL_KEY.join(', ');
  const carried = `${key}, period_end, month_start`;
  const same = (a: string, b: string) => CELL_KEY.map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`).join(' AND ');
  const days = 'day_start, day_end, month_start, month_end';
  // A UNION ALL is positional: the all-class rows name the cell's columns in CELL_KEY's order.
  const allClass = CELL_KEY.map((c) => (c === 'customer_class' ? `'all'` : c)).join(', ');
  const perPeriod = `SELECT ${area}, customer_class, 'day' AS period, day_start AS period_start, day_end AS period_end,
    month_start, service_point_id, usage
  FROM customer_days
  UNION ALL
  SELECT ${area}, customer_class, 'month', month_start, month_end, month_start, service_point_id, sum(usage)
  FROM customer_days
  GROUP BY ${area}, customer_class, month_start, month_end, service_point_id`;
  const classLoads = `SELECT ${area}, customer_class, day_start, month_start, ts, load FROM class_loads
  UNION ALL
  SELECT ${area}, 'all', day_start, month_start, ts, sum(load) FROM class_loads
  GROUP BY ${area}, day_start, month_start, ts`;
  return `CREATE OR REPLACE TEMP TABLE ${q(areaCellsTable)} AS
WITH customer_days AS (
  SELECT ${area}, customer_class, ${days}, service_point_id, ${dec('value')} AS usage
  FROM ${q(areaPerTsTable)}
  GROUP BY ${area}, customer_class, ${days}, service_point_id
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
  SELECT ${area}, customer_class, day_start, month_start, ts, ${dec('value')} AS load
  FROM ${q(areaPerTsTable)}
  WHERE NOT missing
  GROUP BY ${area}, customer_class, day_start, month_start, ts
),
all_loads AS (
  ${classLoads}
),
loads AS (
  SELECT ${area}, 'day' AS period, day_start AS period_start, customer_class, ts, ${dbl('load')} AS load FROM all_loads
  UNION ALL
  SELECT ${area}, 'month', month_start, customer_class, ts, ${dbl('load')} FROM all_loads
),
extremes AS (
  SELECT ${key}, max(load) AS peak_usage_value, ${d.minBy('ts', ['-load', 'ts'])} AS peak_usage_ts,
    min(load) AS pit_usage_value, ${d.minBy('ts', ['load', 'ts'])} AS pit_usage_ts
  FROM loads
  GROUP BY ${key}
)
SELECT ${CELL_COLUMNS.map((c) => (c.startsWith('peak_') || c.startsWith('pit_') ? `e.${c}` : `s.${c}`)).join(', ')}
FROM sizes s
LEFT JOIN extremes e ON ${same('e', 's')}`;
}

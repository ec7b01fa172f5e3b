import type { Dialect } from '../sql/dialect.ts';
import type { Statement } from '../sql/statement.ts';
import { boundaryInstantSql } from '../sql/timestamp-sql.ts';
import { usageIntervalTable } from './usage-interval-sql.ts';

export const areaBoundsTable = 'gf_area_bounds';
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
  const unknownChannel = `CASE WHEN unit = 'unknown' THEN channel_raw END`;
  const perTsKey = [
    'utility_id',
    'zip',
    'city',
    `COALESCE(customer_class, 'unknown')`,
    'unit',
    `COALESCE(direction, 'unknown')`,
    unknownChannel,
    'service_point_id',
    'interval_start_ts',
  ];
  const perTs = `CREATE OR REPLACE TEMP TABLE ${q(areaPerTsTable)} AS
SELECT p.*, b.day_start, b.day_end, b.month_start, b.month_end
FROM (
  SELECT utility_id, zip, city, COALESCE(customer_class, 'unknown') AS customer_class, unit,
    COALESCE(direction, 'unknown') AS direction, ${unknownChannel} AS channel_raw, service_point_id,
    interval_start_ts AS ts, ${exactSum(d, 'value')} AS value, COALESCE(bool_or(quality = 'missing'), FALSE) AS missing
  FROM ${product}
  WHERE service_point_id IS NOT NULL
  GROUP BY ${perTsKey.join(', ')}
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
    step('per-ts', 'usage per service point, class and start time', perTs),
    step('cells', 'area cells before the screen', cellsSql(d)),
  ];
}

function cellsSql(d: Dialect): string {
  const q = d.quoteIdent;
  const area = ['utility_id', 'zip', 'city', 'unit', 'direction', 'channel_raw'];
  const key = CELL_KEY.join(', ');
  const carried = `${key}, period_end, month_start`;
  const same = (a: string, b: string) => CELL_KEY.map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`).join(' AND ');
  const periods = (['day', 'month'] as const)
    .map((p) => `  SELECT ${area.join(', ')}, customer_class, service_point_id, ts, value, missing, '${p}' AS period,
    ${p}_start AS period_start, ${p}_end AS period_end, month_start
  FROM ${q(areaPerTsTable)}`)
    .join('\n  UNION ALL\n');
  const bounds = ['period', 'period_start', 'period_end', 'month_start'];
  const reads = [...area, ...bounds, 'service_point_id', 'ts', 'value', 'missing'].join(', ');
  return `CREATE OR REPLACE TEMP TABLE ${q(areaCellsTable)} AS
WITH periods AS (
${periods}
),
classed AS (
  SELECT ${reads}, customer_class FROM periods
  UNION ALL
  SELECT ${reads}, 'all' AS customer_class FROM periods
),
customers AS (
  SELECT ${carried}, service_point_id, ${exactSum(d, 'value')} AS usage
  FROM classed
  GROUP BY ${carried}, service_point_id
),
sizes AS (
  SELECT ${carried}, count(*) AS customer_count, ${d.cast(`sum(${d.toDecimal('usage')})`, 'double')} AS total_usage,
    max(abs(usage)) / NULLIF(sum(abs(usage)), 0) AS largest_share
  FROM customers
  GROUP BY ${carried}
),
loads AS (
  SELECT ${key}, ts, ${exactSum(d, 'value')} AS load
  FROM classed
  WHERE NOT missing
  GROUP BY ${key}, ts
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

// Exact decimals, as in usage_daily: sums of doubles depend on the order parallel threads add them.
function exactSum(d: Dialect, x: string): string {
  return d.cast(`sum(${d.toDecimal(x)})`, 'double');
}

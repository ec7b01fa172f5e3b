import type { Engine } from '../engines/engine.ts';

/**
 * The report's aggregates, queried over the published views of one output set. Only the external
 * access level (`usage_interval`) and the Experience table are read, and only aggregates leave
 * SQL: every result here is a few dozen rows, whatever the size of the set.
 */
export interface UsageData {
  /** Histogram bins of `value` per utility and unit (the last bin holds the values above p99). */
  distribution: { utility_id: string; unit: string; bin_start: number; bin_end: number; rows: number }[];
  /** Range of the values per utility and unit. */
  ranges: { utility_id: string; unit: string; rows: number; min: number; p99: number; max: number }[];
  /** Usage per utility, local day and series (unit and direction). */
  daily: { utility_id: string; day: string; series: string; total: number }[];
  /** Interval reads present vs expected per utility and local day. */
  completeness: { utility_id: string; day: string; actual: number; expected: number }[];
}

const BINS = 30;
const unitOf = `coalesce(unit, '(no unit)')`;

/** Named parts of the distribution query: the values, their range per unit, the bin of each value. */
const distributionSql = `
WITH vals AS (SELECT utility_id, ${unitOf} AS unit, value FROM usage_interval WHERE value IS NOT NULL),
bounds AS (
  SELECT utility_id, unit, min(value) AS lo, quantile_cont(value, 0.99) AS hi FROM vals GROUP BY ALL
),
binned AS (
  SELECT v.utility_id, v.unit, b.lo, b.hi,
    coalesce(least(CAST(floor((v.value - b.lo) / nullif(b.hi - b.lo, 0) * ${BINS}) AS INTEGER), ${BINS - 1}), 0) AS bin
  FROM vals v JOIN bounds b USING (utility_id, unit)
)
SELECT utility_id, unit,
  lo + bin * (hi - lo) / ${BINS} AS bin_start,
  CASE WHEN hi > lo THEN lo + (bin + 1) * (hi - lo) / ${BINS} ELSE lo + 1 END AS bin_end,
  count(*) AS rows
FROM binned GROUP BY ALL ORDER BY utility_id, unit, bin_start`;

const rangesSql = `
SELECT utility_id, ${unitOf} AS unit, count(*) AS rows, min(value) AS min,
  quantile_cont(value, 0.99) AS p99, max(value) AS max
FROM usage_interval WHERE value IS NOT NULL GROUP BY ALL ORDER BY ALL`;

const dailySql = (table: string) => `
SELECT utility_id, CAST(local_date AS VARCHAR) AS day,
  ${unitOf} || ' ' || coalesce(direction, '') AS series, sum(total_usage) AS total
FROM "${table}" GROUP BY ALL ORDER BY ALL`;

const completenessSql = (table: string) => `
SELECT utility_id, CAST(local_date AS VARCHAR) AS day,
  sum(interval_count) AS actual, sum(expected_interval_count) AS expected
FROM "${table}" GROUP BY ALL ORDER BY ALL`;

/** The Experience table of the set (its name follows the bucket), if it was built. */
export function experienceView(views: string[]): string | undefined {
  return ['usage_daily', 'usage_hourly', 'usage_monthly'].find((v) => views.includes(v));
}

export async function queryUsage(engine: Engine, views: string[]): Promise<UsageData> {
  const data: UsageData = { distribution: [], ranges: [], daily: [], completeness: [] };
  const rows = <T>(sql: string) => engine.queryDisplay(sql) as Promise<T[]>;
  if (views.includes('usage_interval')) {
    data.distribution = await rows(distributionSql);
    data.ranges = await rows(rangesSql);
  }
  const experience = experienceView(views);
  if (experience) {
    data.daily = await rows(dailySql(experience));
    data.completeness = await rows(completenessSql(experience));
  }
  return data;
}

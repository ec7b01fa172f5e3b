import type { Dialect } from '../sql/dialect.ts';
import type { Statement } from '../sql/statement.ts';
import { classPerTsTable, exactSum, experienceBoundsTable, type Bucket } from './usage-per-ts-sql.ts';

export { exactSum, unknownChannel, type Bucket } from './usage-per-ts-sql.ts';

/** Table name of the Experience stage for a bucket: usage_daily (default), usage_hourly, usage_monthly. */
export function usageBucketName(bucket: Bucket): string {
  return { hour: 'usage_hourly', day: 'usage_daily', month: 'usage_monthly' }[bucket];
}
export const usageBucketTable = 'gf_usage_bucket';
/** Usage per service point and start time (step 1), a table of its own so each step's aggregate can spill. */
export const usagePerTsTable = 'gf_usage_per_ts';

/**
 * Experience stage: one row per (utility, service point, local bucket, unit, direction).
 *  1. per_ts: the location's usage at each interval start, summed over its meters and channels
 *     (a start time is `missing` when any of its reads is flagged missing by quality), from the
 *     usage per class and start time that usage_by_area shares (usage-per-ts-sql.ts): the classes
 *     of a start time summed as exact decimals, so the value is the one sum over its reads;
 *  2. buckets in the utility's local calendar (the shared bounds): day and month truncate local
 *     time, so a day is 23 or 25 hours long on DST-change days; an hour starts at the local hour
 *     boundary before the instant (the repeated local hour of fall-back is two buckets);
 *  3. totals, counts, completeness against bucket length / interval length, and peak and pit over
 *     non-missing start times, earliest first on ties.
 * Step 1 is stored as a table: in one statement the aggregates and the join held memory at once
 * and ran out of it at 50M rows.
 * Intervals without a service point cannot be placed and are left out (counted by the runner).
 * Reads whose unit is `unknown` are summed per raw channel (`channel_raw`), never across channels.
 */
export function usageBucketStatements(d: Dialect, zone: string, bucket: Bucket): Statement[] {
  const q = d.quoteIdent;
  const key = ['utility_id', 'service_point_id', 'unit', 'direction', 'channel_raw', 'ts'].join(', ');
  const perTs = `CREATE OR REPLACE TEMP TABLE ${q(usagePerTsTable)} AS
SELECT p.*, b.bucket_start, b.bucket_end
FROM (
  SELECT ${key}, min(duration_seconds) AS duration_seconds, ${d.cast('sum(value)', 'double')} AS value,
    bool_or(missing) AS missing
  FROM ${q(classPerTsTable)}
  GROUP BY ${key}
) p
JOIN ${q(experienceBoundsTable)} b ON b.ts = p.ts`;
  const name = usageBucketName(bucket);
  return [
    { name: `${name}.per-ts`, kind: 'create', label: `experience: usage per service point and start time`, sql: perTs },
    ...usageBucketBuildStatements(d, zone, bucket, 1),
    {
      name: `${name}.drop-per-ts`,
      kind: 'drop',
      label: `experience: free the usage per start time`,
      sql: `DROP TABLE IF EXISTS ${q(usagePerTsTable)}`,
    },
  ];
}

/** Name of the statement that aggregates the buckets in one pass (replaced by passes when large). */
export function usageBucketBuildName(bucket: Bucket): string {
  return `${usageBucketName(bucket)}.build`;
}

/**
 * Step 3 over the usage per start time, in `passes` statements. With several passes, each
 * aggregates the service points of one hash bucket (their groups are what the aggregate holds in
 * memory) and appends them sorted: the table is then sorted within each pass.
 */
export function usageBucketBuildStatements(d: Dialect, zone: string, bucket: Bucket, passes: number): Statement[] {
  const q = d.quoteIdent;
  const name = usageBucketName(bucket);
  const pass = (k: number) => `WITH agg AS (
  SELECT utility_id, service_point_id, bucket_start, bucket_end, unit, direction, channel_raw,
    min(duration_seconds) AS interval_seconds,
    ${exactSum(d, 'value')} AS total_usage,
    count(*) AS interval_count,
    count(*) FILTER (WHERE missing) AS missing_count,
    max(value) FILTER (WHERE NOT missing) AS peak_usage_value,
    ${d.minBy('ts', ['-value', 'ts'])} FILTER (WHERE NOT missing) AS peak_usage_ts,
    min(value) FILTER (WHERE NOT missing) AS pit_usage_value,
    ${d.minBy('ts', ['value', 'ts'])} FILTER (WHERE NOT missing) AS pit_usage_ts
  FROM ${q(usagePerTsTable)}${passes > 1 ? `\n  WHERE ${d.bucketOf('service_point_id', passes)} = ${k}` : ''}
  GROUP BY utility_id, service_point_id, bucket_start, bucket_end, unit, direction, channel_raw
)
SELECT utility_id, service_point_id,
  ${d.cast(d.instantToLocal('bucket_start', zone), 'date')} AS local_date,
  ${d.string(zone)} AS timezone, ${d.string(bucket)} AS bucket,
  bucket_start, bucket_end, unit, direction, channel_raw, interval_seconds, total_usage, interval_count, missing_count,
  CAST(GREATEST(1, round(${d.diffSeconds('bucket_start', 'bucket_end')} / interval_seconds)) AS BIGINT) AS expected_interval_count,
  interval_count / GREATEST(1, round(${d.diffSeconds('bucket_start', 'bucket_end')} / interval_seconds)) AS completeness,
  peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts
FROM agg
ORDER BY service_point_id, bucket_start, unit, direction, channel_raw`;
  return Array.from({ length: passes }, (_, k): Statement => ({
    name: passes > 1 ? `${usageBucketBuildName(bucket)}.${k}` : usageBucketBuildName(bucket),
    kind: 'create',
    label: `experience: ${name} per service point${passes > 1 ? ` (pass ${k + 1} of ${passes})` : ''}`,
    sql: `${k === 0 ? `CREATE OR REPLACE TEMP TABLE ${q(usageBucketTable)} AS` : `INSERT INTO ${q(usageBucketTable)}`}\n${pass(k)}`,
  }));
}

/** An estimate of the groups of the bucket aggregate (one scan, bounded memory), to choose its passes. */
export function usageBucketGroupsSql(d: Dialect): string {
  const groups = d.approxCountDistinct([d.quoteIdent('service_point_id'), 'bucket_start']);
  return `SELECT ${groups} AS n FROM ${d.quoteIdent(usagePerTsTable)}`;
}

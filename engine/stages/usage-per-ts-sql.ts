import type { Dialect } from '../sql/dialect.ts';
import { work, type Statement } from '../sql/statement.ts';
import { boundaryInstantSql } from '../sql/timestamp-sql.ts';
import { usageIntervalTable } from './usage-interval-sql.ts';

/** Bounds of the local day, month and Experience bucket of each distinct start time. */
export const experienceBoundsTable = 'gf_experience_bounds';
/** Usage per service point, customer class and start time: what usage_daily and usage_by_area share. */
export const classPerTsTable = 'gf_usage_class_per_ts';
/** The placed reads of the Product's join, narrow (step 2, freed after step 3). */
export const placedReadsTable = 'gf_usage_placed_reads';

export type Bucket = 'hour' | 'day' | 'month';

/** Values of an unknown unit may be of different units on different channels: never add them up. */
export const unknownChannel = `CASE WHEN unit = 'unknown' THEN channel_raw END`;

// Sums of doubles depend on the order they are added in, which parallel aggregation does not
// fix: summing exact decimals (9 places) makes totals the same on every run.
export function exactSum(d: Dialect, x: string): string {
  return d.cast(`sum(${d.toDecimal(x)})`, 'double');
}

/** The columns of `classPerTsTable` that name one of its rows (ZIP and city go with the service point). */
export const CLASS_PER_TS_KEY = [
  'utility_id',
  'zip',
  'city',
  'customer_class',
  'unit',
  'direction',
  'channel_raw',
  'service_point_id',
  'ts',
];

/** The columns of `classPerTsTable` that are the same on every row of a service point (one utility per plan). */
const AREA_OF_SERVICE_POINT = ['utility_id', 'zip', 'city'];

/**
 * The Experience's one pass over the intervals, shared by usage_daily and usage_by_area:
 *  1. bounds: for each distinct start time of a placed read, its local day and month and the
 *     configured bucket, as instants (time-zone rules are costly and start times repeat a lot;
 *     stored, so the joins know it is the small side; read from the standardized intervals, whose
 *     start times and service points are the Product's);
 *  2. reads: the Product's join (every interval with its service point's ZIP and city and its
 *     meter's customer class), placed reads only, stored narrow;
 *  3. class per_ts: the reads summed per service point, class and start time over its meters
 *     and channels, as an exact decimal (so the sum over classes equals one sum over the reads); a
 *     start time is `missing` when any of its reads is flagged missing by quality.
 * Only placed reads (with a service point) count; reads of unit `unknown` are kept apart per raw
 * channel. usage_daily sums the classes per start time (usage-bucket-sql.ts), usage_by_area makes
 * its cells from the classes (usage-area-cells-sql.ts); neither reads the intervals again.
 */
export function classPerTsStatements(d: Dialect, zone: string, bucket: Bucket): Statement[] {
  const q = d.quoteIdent;
  const local = d.instantToLocal('ts', zone);
  const calendar = (unit: 'day' | 'month') =>
    `${boundaryInstantSql(d, zone, d.dateTrunc(unit, local))} AS ${unit}_start, ` +
    `${boundaryInstantSql(d, zone, d.addCalendar(d.dateTrunc(unit, local), unit))} AS ${unit}_end`;
  // Hours step back from the instant to its local hour boundary, so the repeated local hour of
  // fall-back stays two buckets and half-hour zones (+05:30) get their own local hours.
  const hourStart = d.addSeconds('ts', `-${d.diffSeconds(d.dateTrunc('hour', local), local)}`);
  const buckets =
    bucket === 'hour'
      ? `${hourStart} AS bucket_start, ${d.addSeconds(hourStart, '3600')} AS bucket_end`
      : `${bucket}_start AS bucket_start, ${bucket}_end AS bucket_end`;
  const product = q(usageIntervalTable);
  const bounds = `CREATE OR REPLACE TEMP TABLE ${q(experienceBoundsTable)} AS
SELECT ts, day_start, day_end, month_start, month_end, ${buckets}
FROM (
  SELECT ts, ${calendar('day')}, ${calendar('month')}
  FROM (SELECT DISTINCT interval_start_ts AS ts FROM ${q(work.std('intervals'))} WHERE service_point_id IS NOT NULL) t
) c`;
  // The Product's join is stored narrow first: in one statement its join and the aggregate held
  // memory at once and ran out of it at 10M rows (700MB).
  const reads = `CREATE OR REPLACE TEMP TABLE ${q(placedReadsTable)} AS
SELECT utility_id, zip, city, COALESCE(customer_class, 'unknown') AS customer_class, unit,
  COALESCE(direction, 'unknown') AS direction, ${unknownChannel} AS channel_raw, service_point_id,
  interval_start_ts AS ts, duration_seconds, value, quality = 'missing' AS missing
FROM ${product}
WHERE service_point_id IS NOT NULL`;
  // ZIP and city go with the service point and the utility is the plan's: the sums are grouped without
  // them, then joined on by service point (9 keys: 3.6–4.8 s; 6 keys and the join: 2.9 s at 10M rows).
  const sumKey = CLASS_PER_TS_KEY.filter((c) => !AREA_OF_SERVICE_POINT.includes(c)).join(', ');
  const areaColumns = [...AREA_OF_SERVICE_POINT, 'service_point_id'].join(', ');
  const areas = `SELECT DISTINCT ${areaColumns} FROM ${q(placedReadsTable)}`;
  const sums = `SELECT ${sumKey}, min(duration_seconds) AS duration_seconds, sum(${d.toDecimal('value')}) AS value,
    COALESCE(bool_or(missing), FALSE) AS missing
  FROM ${q(placedReadsTable)}
  GROUP BY ${sumKey}`;
  const columns = CLASS_PER_TS_KEY.map((c) => (AREA_OF_SERVICE_POINT.includes(c) ? `a.${c}` : `s.${c}`));
  const perTs = `CREATE OR REPLACE TEMP TABLE ${q(classPerTsTable)} AS
SELECT ${columns.join(', ')}, s.duration_seconds, s.value, s.missing
FROM (${sums}) s
JOIN (${areas}) a ON a.service_point_id = s.service_point_id`;
  return [
    {
      name: 'experience.bounds',
      kind: 'create',
      label: `experience: local day, month and ${bucket} per start time`,
      sql: bounds,
    },
    {
      name: 'experience.reads',
      kind: 'create',
      label: 'experience: placed reads with their area and class',
      sql: reads,
    },
    {
      name: 'experience.class-per-ts',
      kind: 'create',
      label: 'experience: usage per service point, class and start time',
      sql: perTs,
    },
    {
      name: 'experience.drop-reads',
      kind: 'drop',
      label: 'experience: free the placed reads',
      sql: `DROP TABLE IF EXISTS ${q(placedReadsTable)}`,
    },
  ];
}

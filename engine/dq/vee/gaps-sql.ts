import { boundaryInstantSql } from '../../sql/timestamp-sql.ts';
import { localClock, seriesPartition, SERIES, type VeeInput } from './vee-parts.ts';

/** Working tables of the gaps rule: start times with their local day, and reads per meter-day. */
export const gapTables = { starts: 'gf_dq_gap_starts', days: 'gf_dq_gap_days' };

/**
 * `gaps`: per meter × channel × interval length × local day, the distinct start times present
 * against the expected count, (day end − day start) / interval length. The day's bounds are the
 * Experience stage's local-calendar bounds (`boundaryInstantSql`), so a spring-forward day of 23
 * hours expects 92 reads at 15 minutes and a fall-back day 100. A failing row is a meter-day with
 * fewer reads than expected; its `finding` lists the missing start times as local-clock ranges
 * (`3 of 96 missing: 02:00–02:30`).
 *  1. starts: each distinct start time (few: they repeat across meters) with its local day's bounds;
 *  2. days: the reads placed on their days, one window partitioned by meter-day (previous and next
 *     start, reads present), then one row per meter-day with the gaps before/after each read;
 * both are aggregates and a partitioned window, which spill. A day without any read of a meter is
 * not a meter-day here: a meter that stops reading shows as the missing tail of its last day.
 */
export function gapsStatements(v: VeeInput, zone: string): { prepare: string[]; cleanup: string[]; days: string } {
  const { d } = v;
  const q = d.quoteIdent;
  const local = d.dateTrunc('day', d.instantToLocal('ts', zone));
  const starts = `CREATE OR REPLACE TEMP TABLE ${q(gapTables.starts)} AS
SELECT ts, ${d.cast('local_day', 'date')} AS local_date,
  ${boundaryInstantSql(d, zone, 'local_day')} AS day_start,
  ${boundaryInstantSql(d, zone, d.addCalendar('local_day', 'day'))} AS day_end
FROM (SELECT ts, ${local} AS local_day FROM (SELECT DISTINCT interval_start_ts AS ts FROM (${v.scoped}) s) u) l`;
  const series = SERIES.map(q).join(', ');
  const reads = `SELECT DISTINCT ${series}, interval_start_ts AS ts FROM (${v.scoped}) s`;
  const placed = `SELECT r.*, b.local_date, b.day_start, b.day_end FROM (${reads}) r JOIN ${q(gapTables.starts)} b ON b.ts = r.ts`;
  const expected = `CAST(GREATEST(1, round(${d.diffSeconds('day_start', 'day_end')} / duration_seconds)) AS BIGINT)`;
  const window = `PARTITION BY ${seriesPartition(d)}, local_date ORDER BY ts`;
  const edges = `SELECT *, lag(ts) OVER w AS prev_ts, lead(ts) OVER w AS next_ts,
    count(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS present, ${expected} AS expected
  FROM (${placed}) p WINDOW w AS (${window})`;
  const step = (x: string, sign: string) => d.addSeconds(x, `${sign}duration_seconds`);
  const range = (a: string, b: string) =>
    `CASE WHEN ${a} = ${b} THEN ${localClock(d, zone, a)} ELSE ${localClock(d, zone, a)} || '–' || ${localClock(d, zone, b)} END`;
  const before = `CASE
      WHEN prev_ts IS NULL AND ts > day_start THEN ${range('day_start', step('ts', '-'))}
      WHEN prev_ts IS NOT NULL AND ${d.diffSeconds('prev_ts', 'ts')} > duration_seconds THEN ${range(step('prev_ts', ''), step('ts', '-'))}
    END`;
  const after = `CASE WHEN next_ts IS NULL AND ${step('ts', '')} < day_end THEN ${range(step('ts', ''), step('day_end', '-'))} END`;
  const pieces = `SELECT *, ${before} AS gap_before, ${after} AS gap_after FROM (${edges}) e`;
  const gap = `CASE WHEN gap_before IS NOT NULL AND gap_after IS NOT NULL THEN gap_before || ', ' || gap_after
    ELSE COALESCE(gap_before, gap_after) END`;
  const days = `CREATE OR REPLACE TEMP TABLE ${q(gapTables.days)} AS
SELECT ${series}, local_date, min(present) AS present, min(expected) AS expected,
  ${d.stringAgg(`CASE WHEN present < expected THEN ${gap} END`, 'ts', ', ')} AS missing
FROM (${pieces}) g
GROUP BY ${series}, local_date`;
  const drop = (t: string) => `DROP TABLE IF EXISTS ${q(t)}`;
  return { prepare: [starts, days], cleanup: [drop(gapTables.starts), drop(gapTables.days)], days: q(gapTables.days) };
}

/** The failing meter-days, with a `finding` such as `3 of 96 missing: 02:00–02:30`. */
export function gapsFailing(v: VeeInput, days: string): string {
  const { d } = v;
  const count = `${d.cast('expected - present', 'string')} || ' of ' || ${d.cast('expected', 'string')} || ' missing'`;
  const finding = `${count} || CASE WHEN missing IS NULL OR missing = '' THEN '' ELSE ': ' || missing END`;
  const day = `${d.cast('local_date', 'string')} AS local_date`;
  const columns = `meter_id, channel_raw, duration_seconds, ${day}, present, expected, missing`;
  return `SELECT ${columns}, ${finding} AS finding FROM ${days} WHERE present < expected`;
}

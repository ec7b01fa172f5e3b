import { boundaryInstantSql } from '../../sql/timestamp-sql.ts';
import { localClock, seriesPartition, SERIES, type VeeInput } from './vee-parts.ts';

/** Working tables of the gaps rule: start times with their local day, and reads per meter-day. */
export const gapTables = { starts: 'gf_dq_gap_starts', present: 'gf_dq_gap_present', days: 'gf_dq_gap_days' };

/**
 * `gaps`: per meter × channel × interval length × local day, the distinct start times present
 * against the expected count, (day end − day start) / interval length. The day's bounds are the
 * Experience stage's local-calendar bounds (`boundaryInstantSql`), so a spring-forward day of 23
 * hours expects 92 reads at 15 minutes and a fall-back day 100. A failing row is a meter-day with
 * fewer reads than expected; its `finding` lists the missing start times as local-clock ranges
 * (`3 of 96 missing: 02:00–02:30`).
 *  1. starts: each distinct start time (few: they repeat across meters) with its local day's bounds;
 *  2. present: the reads placed on their days, one window partitioned by meter-day (previous and
 *     next start, reads present), then one row per meter-day with the gaps before/after each read;
 *  3. days: every day from each series' first to its last day with a read (a calendar of the
 *     local days from the first to the last start), so a day without any read of a meter is a
 *     meter-day with 0 present (`all day`).
 * All are aggregates, joins and a partitioned window, which spill. Days before a meter's first read
 * or after its last one are not checked (the meter may not have been installed yet, or any more).
 */
export function gapsStatements(v: VeeInput, zone: string): { prepare: string[]; cleanup: string[]; days: string } {
  const { d } = v;
  const q = d.quoteIdent;
  const local = d.dateTrunc('day', d.instantToLocal('ts', zone));
  const distinctStarts = `SELECT DISTINCT interval_start_ts AS ts FROM (${v.scoped}) s`;
  const starts = `CREATE OR REPLACE TEMP TABLE ${q(gapTables.starts)} AS
SELECT ts, local_day, ${d.cast('local_day', 'date')} AS local_date,
  ${boundaryInstantSql(d, zone, 'local_day')} AS day_start,
  ${boundaryInstantSql(d, zone, d.addCalendar('local_day', 'day'))} AS day_end
FROM (SELECT ts, ${local} AS local_day FROM (${distinctStarts}) u) l`;
  const series = SERIES.map(q).join(', ');
  const reads = `SELECT DISTINCT ${series}, interval_start_ts AS ts FROM (${v.scoped}) s`;
  const placed = `SELECT r.*, b.local_date, b.day_start, b.day_end
    FROM (${reads}) r JOIN ${q(gapTables.starts)} b ON b.ts = r.ts`;
  const window = `PARTITION BY ${seriesPartition(d)}, local_date ORDER BY ts`;
  const edges = `SELECT *, lag(ts) OVER w AS prev_ts, lead(ts) OVER w AS next_ts,
    count(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS present,
    ${expectedSql(d, 'day_start', 'day_end', 'duration_seconds')} AS expected
  FROM (${placed}) p WINDOW w AS (${window})`;
  const step = (x: string, sign: string) => d.addSeconds(x, `${sign}duration_seconds`);
  const clock = (x: string) => localClock(d, zone, x);
  const range = (a: string, b: string) =>
    `CASE WHEN ${a} = ${b} THEN ${clock(a)} ELSE ${clock(a)} || '–' || ${clock(b)} END`;
  // The missing start times before a read (from the day's start, or after the previous read)
  // and after the day's last read (to the day's end).
  const skipped = `${d.diffSeconds('prev_ts', 'ts')} > duration_seconds`;
  const before = `CASE
      WHEN prev_ts IS NULL AND ts > day_start THEN ${range('day_start', step('ts', '-'))}
      WHEN prev_ts IS NOT NULL AND ${skipped} THEN ${range(step('prev_ts', ''), step('ts', '-'))}
    END`;
  const tail = range(step('ts', ''), step('day_end', '-'));
  const after = `CASE WHEN next_ts IS NULL AND ${step('ts', '')} < day_end THEN ${tail} END`;
  const pieces = `SELECT *, ${before} AS gap_before, ${after} AS gap_after FROM (${edges}) e`;
  const gap = `CASE WHEN gap_before IS NOT NULL AND gap_after IS NOT NULL THEN gap_before || ', ' || gap_after
    ELSE COALESCE(gap_before, gap_after) END`;
  const present = `CREATE OR REPLACE TEMP TABLE ${q(gapTables.present)} AS
SELECT ${series}, local_date, min(present) AS present,
  ${d.stringAgg(`CASE WHEN present < expected THEN ${gap} END`, 'ts', ', ')} AS missing
FROM (${pieces}) g
GROUP BY ${series}, local_date`;
  const days = `CREATE OR REPLACE TEMP TABLE ${q(gapTables.days)} AS
${daysSql(v, zone, series)}`;
  const drop = (t: string) => `DROP TABLE IF EXISTS ${q(t)}`;
  const cleanup = Object.values(gapTables).map(drop);
  return { prepare: [starts, present, days], cleanup, days: q(gapTables.days) };
}

/** The local days from the first to the last start, with their bounds (instants). */
function calendarSql(v: VeeInput, zone: string): string {
  const { d } = v;
  const range = `SELECT min(local_day) AS first_day, max(local_day) AS last_day FROM ${d.quoteIdent(gapTables.starts)}`;
  return `SELECT ${d.cast('local_day', 'date')} AS local_date,
    ${boundaryInstantSql(d, zone, 'local_day')} AS day_start,
    ${boundaryInstantSql(d, zone, d.addCalendar('local_day', 'day'))} AS day_end
  FROM (SELECT ${d.localDaySeries('first_day', 'last_day')} AS local_day FROM (${range}) r) s`;
}

/** Step 3: each series' days from its first to its last, with the reads present (0 on a day without any). */
function daysSql(v: VeeInput, zone: string, series: string): string {
  const { d } = v;
  const q = d.quoteIdent;
  const spans = `SELECT ${series}, min(local_date) AS first_date, max(local_date) AS last_date
  FROM ${q(gapTables.present)} GROUP BY ${series}`;
  const calendar = calendarSql(v, zone);
  const same = SERIES.map((c) => `p.${q(c)} IS NOT DISTINCT FROM s.${q(c)}`).join(' AND ');
  const expected = expectedSql(d, 'c.day_start', 'c.day_end', 's.duration_seconds');
  return `SELECT ${SERIES.map((c) => `s.${q(c)}`).join(', ')}, c.local_date,
  COALESCE(p.present, 0) AS present, ${expected} AS expected,
  CASE WHEN p.present IS NULL THEN 'all day' ELSE p.missing END AS missing
FROM (${spans}) s
JOIN (${calendar}) c ON c.local_date BETWEEN s.first_date AND s.last_date
LEFT JOIN ${q(gapTables.present)} p ON ${same} AND p.local_date = c.local_date`;
}

/** Reads expected in a day: its length over the interval length (as the Experience stage counts them). */
function expectedSql(d: VeeInput['d'], start: string, end: string, seconds: string): string {
  return `CAST(GREATEST(1, round(${d.diffSeconds(start, end)} / ${seconds})) AS BIGINT)`;
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

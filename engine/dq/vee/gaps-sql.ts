import { boundaryInstantSql } from '../../sql/timestamp-sql.ts';
import { localClock, seriesPartition, SERIES, type VeeInput } from './vee-parts.ts';

/** Working tables of the gaps rule. */
export const gapTables = {
  starts: 'gf_dq_gap_starts',
  present: 'gf_dq_gap_present',
  days: 'gf_dq_gap_days',
  ranges: 'gf_dq_gap_ranges',
};
/** Failing meter-days whose missing ranges are listed: the first by meter, channel and day (the sampled ones). */
export const GAP_RANGES_LISTED = 100;

/**
 * `gaps`: per meter × channel × interval length × local day, the distinct start times present
 * against the expected count, (day end − day start) / interval length. The day's bounds are the
 * Experience stage's local-calendar bounds (`boundaryInstantSql`), so a spring-forward day of 23
 * hours expects 92 reads at 15 minutes and a fall-back day 100. A failing row is a meter-day with
 * fewer reads than expected (`finding`: `3 of 96 missing`).
 *  1. starts: each distinct start time (few: they repeat across meters) with its local day;
 *  2. present: distinct reads per meter-day (aggregates);
 *  3. days: every day from each series' first to its last day with a read, on a calendar of the
 *     local days with their bounds, so a day without any read of a meter has 0 present (`all day`);
 *  4. ranges: for the first GAP_RANGES_LISTED failing meter-days (a top-N, the ones the sample and
 *     the stored failures show), the missing start times as local-clock ranges (`02:00–02:30`),
 *     from a window over their reads only.
 * Aggregates, joins and a window over few rows: all spill or stay small. Days before a meter's
 * first read or after its last one are not checked (it may not be installed yet, or any more).
 */
export interface GapsSql {
  prepare: string[];
  cleanup: string[];
  failing: string;
  days: string;
}

/** `unique`: a series' start times are unique in the rows in scope (the dedupe's key), so need no DISTINCT. */
export function gapsStatements(v: VeeInput, zone: string, unique = false): GapsSql {
  const { d } = v;
  const q = d.quoteIdent;
  const create = (t: keyof typeof gapTables, sql: string) => `CREATE OR REPLACE TEMP TABLE ${q(gapTables[t])} AS
${sql}`;
  const local = d.dateTrunc('day', d.instantToLocal('ts', zone));
  const distinctStarts = `SELECT DISTINCT interval_start_ts AS ts FROM (${v.scoped}) s`;
  const starts = `SELECT ts, local_day, ${d.cast('local_day', 'date')} AS local_date
FROM (SELECT ts, ${local} AS local_day FROM (${distinctStarts}) u) l`;
  const series = SERIES.map(q).join(', ');
  const present = `SELECT ${series}, b.local_date, count(*) AS present
FROM (${readsSql(v, unique)}) r JOIN ${q(gapTables.starts)} b ON b.ts = r.ts
GROUP BY ${series}, b.local_date`;
  const drop = (t: string) => `DROP TABLE IF EXISTS ${q(t)}`;
  return {
    prepare: [
      create('starts', starts),
      create('present', present),
      create('days', daysSql(v, zone)),
      create('ranges', rangesSql(v, zone)),
    ],
    cleanup: Object.values(gapTables).map(drop),
    failing: failingSql(v),
    days: q(gapTables.days),
  };
}

/** The distinct reads (start times) of each series; `listed`: of the meter-days it joins them to (`l`). */
function readsSql(v: VeeInput, unique = false, listed?: { join: string; columns: string }): string {
  const columns = [...SERIES.map((c) => `s.${v.d.quoteIdent(c)}`), 's.interval_start_ts AS ts'];
  if (listed) columns.push(listed.columns);
  return `SELECT ${unique ? '' : 'DISTINCT '}${columns.join(', ')} FROM (${v.scoped}) s${listed?.join ?? ''}`;
}

/** The local days from the first to the last start, with their bounds (instants). */
function calendarSql(v: VeeInput, zone: string): string {
  const { d } = v;
  const range = `SELECT min(local_day) AS first_day, max(local_day) AS last_day
    FROM ${d.quoteIdent(gapTables.starts)}`;
  return `SELECT ${d.cast('local_day', 'date')} AS local_date,
    ${boundaryInstantSql(d, zone, 'local_day')} AS day_start,
    ${boundaryInstantSql(d, zone, d.addCalendar('local_day', 'day'))} AS day_end
  FROM (SELECT ${d.localDaySeries('first_day', 'last_day')} AS local_day FROM (${range}) r) s`;
}

/** Step 3: each series' days from its first to its last, with the reads present (0 on a day without any). */
function daysSql(v: VeeInput, zone: string): string {
  const { d } = v;
  const q = d.quoteIdent;
  const series = SERIES.map(q).join(', ');
  const spans = `SELECT ${series}, min(local_date) AS first_date, max(local_date) AS last_date
  FROM ${q(gapTables.present)} GROUP BY ${series}`;
  const same = SERIES.map((c) => `p.${q(c)} IS NOT DISTINCT FROM s.${q(c)}`).join(' AND ');
  const length = d.diffSeconds('c.day_start', 'c.day_end');
  const expected = `CAST(GREATEST(1, round(${length} / s.duration_seconds)) AS BIGINT)`;
  return `SELECT ${SERIES.map((c) => `s.${q(c)}`).join(', ')}, c.local_date, c.day_start, c.day_end,
  COALESCE(p.present, 0) AS present, ${expected} AS expected
FROM (${spans}) s
JOIN (${calendarSql(v, zone)}) c ON c.local_date BETWEEN s.first_date AND s.last_date
LEFT JOIN ${q(gapTables.present)} p ON ${same} AND p.local_date = c.local_date`;
}

/** Step 4: the missing start times of the first failing meter-days, as local-clock ranges. */
function rangesSql(v: VeeInput, zone: string): string {
  const { d } = v;
  const q = d.quoteIdent;
  const series = SERIES.map(q).join(', ');
  const listed = `SELECT ${series}, local_date, day_start, day_end FROM ${q(gapTables.days)}
    WHERE present < expected AND present > 0
    ORDER BY meter_id, channel_raw, local_date, duration_seconds LIMIT ${GAP_RANGES_LISTED}`;
  // The listed meter-days' reads only: the join comes before the DISTINCT (few rows to make distinct).
  const same = SERIES.map((c) => `s.${q(c)} IS NOT DISTINCT FROM l.${q(c)}`).join(' AND ');
  const day = 's.interval_start_ts >= l.day_start AND s.interval_start_ts < l.day_end';
  const join = `\n    JOIN (${listed}) l ON ${same} AND ${day}`;
  const reads = readsSql(v, false, { join, columns: 'l.local_date, l.day_start, l.day_end' });
  const edges = `SELECT *, lag(ts) OVER w AS prev_ts, lead(ts) OVER w AS next_ts
  FROM (${reads}) p WINDOW w AS (PARTITION BY ${seriesPartition(d)}, local_date ORDER BY ts)`;
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
  return `SELECT ${series}, local_date, ${d.stringAgg(gap, 'ts', ', ')} AS missing
FROM (${pieces}) g
GROUP BY ${series}, local_date`;
}

/** The columns of a failing meter-day (`failingSql`). */
export const GAP_COLUMNS = [...SERIES, 'local_date', 'present', 'expected', 'missing', 'finding'];

/** The failing meter-days, with a `finding` such as `3 of 96 missing: 02:00–02:30`. */
function failingSql(v: VeeInput): string {
  const { d } = v;
  const q = d.quoteIdent;
  const text = (x: string) => d.cast(x, 'string');
  const count = `${text('f.expected - f.present')} || ' of ' || ${text('f.expected')} || ' missing'`;
  const missing = `CASE WHEN f.present = 0 THEN 'all day' ELSE g.missing END`;
  const finding = `${count} || CASE WHEN ${missing} IS NULL THEN '' ELSE ': ' || ${missing} END`;
  const sameSeries = SERIES.map((c) => `g.${q(c)} IS NOT DISTINCT FROM f.${q(c)}`);
  const same = [...sameSeries, 'g.local_date = f.local_date'].join(' AND ');
  const series = SERIES.map((c) => `f.${q(c)}`).join(', ');
  const columns = `${series}, ${text('f.local_date')} AS local_date, f.present, f.expected`;
  return `SELECT ${columns}, ${missing} AS missing, ${finding} AS finding
FROM ${q(gapTables.days)} f LEFT JOIN ${q(gapTables.ranges)} g ON ${same}
WHERE f.present < f.expected`;
}

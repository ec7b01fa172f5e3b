import { epochSeconds, rowColumns, seriesPartition, windowColumns, type VeeInput } from './vee-parts.ts';

/**
 * `frozen`: the same non-zero value on `min_run` or more consecutive intervals of one meter and
 * channel. Consecutive means adjacent start times at the interval length: a missing read ends a run.
 * Gaps and islands: within one series and value, a start's slot number (start / interval length)
 * minus its position is the same for every read of an unbroken run; two windows partitioned by
 * series (never one global window) find the runs and their lengths. Every read of a run fails; its
 * keys name the run (`run_start`, `finding`: `12 reads of 0.5`), so the distinct keys count runs.
 * The series pass (`series-pass.ts`) finds the same runs from spike's window where a series has one
 * read per slot (the usual case); this per-value form is for the series with two reads in one slot.
 */
export function frozenByValue(v: VeeInput): string {
  const { d } = v;
  const q = d.quoteIdent;
  const x = q(v.column);
  const minRun = Number(v.options.min_run);
  const slot = d.fn('floor', [`${epochSeconds(d, 'interval_start_ts')} / duration_seconds`]);
  const carried = windowColumns(v);
  const reads = `SELECT ${rowColumns(d, carried, 't')}, ${slot} AS slot
  FROM (${v.scoped}) t WHERE t.${x} IS NOT NULL AND t.${x} <> 0`;
  const byValue = `PARTITION BY ${seriesPartition(d)}, ${x}`;
  const position = `row_number() OVER (${byValue} ORDER BY interval_start_ts)`;
  const islands = `SELECT *, slot - ${position} AS island FROM (${reads}) r`;
  const runs = `SELECT *, count(*) OVER run AS run_length, min(interval_start_ts) OVER run AS run_start
  FROM (${islands}) i WINDOW run AS (${byValue}, island)`;
  const finding = `${d.cast('f.run_length', 'string')} || ' reads of ' || ${d.numberText(`f.${x}`)}`;
  const narrow = `SELECT ${rowColumns(d, carried, 'f')}, f.run_start, f.run_length, ${finding} AS finding
FROM (${runs}) f WHERE f.run_length >= ${minRun}`;
  return narrow;
}

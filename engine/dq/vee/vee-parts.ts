import type { Dialect } from '../../sql/dialect.ts';

/**
 * Shared parts of the meter-data validation (VEE) rule types. Every VEE rule works per meter and
 * channel (`channel_raw`, as sent: a normalized channel may merge two of them) and per interval
 * length, so reads of a 5-minute and a 15-minute channel are never compared with each other.
 */
export interface VeeInput {
  d: Dialect;
  /** The rows in scope: the utility's intervals matching `where`. */
  scoped: string;
  /** The checked table's columns present here (the columns a failing row carries). */
  available: string[];
  options: Record<string, any>;
  /** The checked column (`value` by default). */
  column: string;
}

/** The series a VEE rule looks along: one meter's channel at one interval length. */
export const SERIES = ['meter_id', 'channel_raw', 'duration_seconds'];

export function seriesPartition(d: Dialect, alias = ''): string {
  return SERIES.map((c) => `${alias}${d.quoteIdent(c)}`).join(', ');
}

/** Seconds since 1970 of an instant. */
export function epochSeconds(d: Dialect, instant: string): string {
  return d.diffSeconds(d.epochSecondsToInstant('0'), instant);
}

/** `HH:MM` of an instant on the local clock of `zone`. */
export function localClock(d: Dialect, zone: string, instant: string): string {
  return d.fn('substring', [d.cast(d.instantToLocal(instant, zone), 'string'), '12', '5']);
}

/** A number as text for a finding (`0.5`, `12`). */
export function numberText(d: Dialect, x: string): string {
  return d.numberText(x);
}

/** The checked table's columns of a row aliased `alias`, for failing rows that add their own columns. */
export function rowColumns(d: Dialect, available: string[], alias: string): string {
  return available.map((c) => `${alias}.${d.quoteIdent(c)}`).join(', ');
}

const LINEAGE = ['source_file', 'source_line'];

/**
 * The columns a window over reads carries: the series, start, checked column and lineage when the
 * table has lineage (windows hold what they carry, so the rest of a row is found again after).
 */
export function windowColumns(v: VeeInput): string[] {
  if (!LINEAGE.every((c) => v.available.includes(c))) return v.available;
  return [...new Set([...SERIES, 'interval_start_ts', v.column, ...LINEAGE])];
}

/**
 * Failing reads found over `windowColumns`: as they are (`narrow`, enough for keys and lineage),
 * and as whole rows of the table with the rule's own columns, found again by lineage (`full`).
 */
export function withRows(v: VeeInput, narrow: string, own: string[]): { narrow: string; full: string } {
  const { d } = v;
  if (windowColumns(v) === v.available) return { narrow, full: narrow };
  const q = d.quoteIdent;
  const extra = own.map((c) => `n.${q(c)}`).join(', ');
  const on = LINEAGE.map((c) => `t.${q(c)} = n.${q(c)}`).join(' AND ');
  const full = `SELECT ${rowColumns(d, v.available, 't')}, ${extra} FROM (${v.scoped}) t JOIN (${narrow}) n ON ${on}`;
  return { narrow, full };
}

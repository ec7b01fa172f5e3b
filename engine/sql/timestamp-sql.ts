import type { Dialect } from './dialect.ts';
import type { TimestampPlan } from '../plan/types.ts';
import { hasOffset, strictRegex } from '../time/strftime.ts';

/**
 * Timestamp conversion in two steps, so each value is parsed once:
 *  - `local(text)`: the zone-less wall-clock time (NULL when the text has its own offset or fails);
 *  - `instant(text, local)`: the UTC instant, applying the zone and the DST policies.
 * DST: a local time skipped by spring-forward does not round-trip through the zone (nonexistent);
 * one repeated by fall-back has a second instant, one DST shift away, that maps to the same local time.
 * ISO 8601 text is first checked against its most common exact shape (`shapeSql`): text of that shape
 * has an offset, so the two general patterns (offset or local?) are tried only on other text.
 */
// An offset only counts after a time of day: `2025-01-30` ends in `-30` but is a local date.
const ISO_OFFSET = '[T ]\\d{2}(:\\d{2}){0,2}(\\.\\d+)?\\s*(Z|z|[+-]\\d{2}(:?\\d{2})?)$';
const ISO_LOCAL = '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?$';
// Date, time with seconds and an offset: every text of this shape matches ISO_OFFSET and not ISO_LOCAL.
const ISO_OFFSET_EXACT = '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$';

/**
 * TRUE when ISO 8601 `text` has the common exact shape with an offset (one pattern instead of two);
 * undefined for other formats. The convert computes it once per value as its own layer.
 */
export function shapeSql(d: Dialect, ts: TimestampPlan, text: string): string | undefined {
  return ts.format === 'iso8601' ? d.regexpMatches(text, ISO_OFFSET_EXACT) : undefined;
}

/** `shape`: the SQL of shapeSql's value when computed already (else it is computed here). */
export function localSql(
  d: Dialect,
  ts: TimestampPlan,
  text: string,
  shape = shapeSql(d, ts, text),
): string | undefined {
  switch (ts.format) {
    case 'iso8601': {
      const local = `WHEN ${d.regexpMatches(text, ISO_LOCAL)} THEN ${d.tryParseIsoLocal(text)}`;
      return `CASE WHEN ${shape} THEN NULL ${local} END`;
    }
    case 'strftime':
      if (hasOffset(ts.pattern!)) return undefined;
      return `CASE WHEN ${d.regexpMatches(text, strictRegex(ts.pattern!))} THEN ${d.tryParseLocal(text, ts.pattern!)} END`;
    default:
      return undefined;
  }
}

/**
 * The instant. `local` is the SQL of the local value computed by localSql (if any); `addText` the add
 * column text; `shape` as for localSql.
 */
export function instantSql(
  d: Dialect,
  ts: TimestampPlan,
  text: string,
  local: string | undefined,
  addText?: string,
  shape = shapeSql(d, ts, text),
): string {
  let instant: string;
  switch (ts.format) {
    case 'iso8601': {
      const offset = d.tryParseIsoInstant(text);
      const general = `WHEN ${d.regexpMatches(text, ISO_OFFSET)} THEN ${offset} ELSE ${resolveLocal(d, ts, local!)}`;
      instant = `CASE WHEN ${shape} THEN ${offset} ${general} END`;
      break;
    }
    case 'strftime':
      instant = local
        ? resolveLocal(d, ts, local)
        : `CASE WHEN ${d.regexpMatches(text, strictRegex(ts.pattern!))} THEN ${d.tryCast(d.tryParseLocal(text, ts.pattern!), 'timestamp')} END`;
      break;
    case 'epoch_seconds':
      instant = d.epochSecondsToInstant(d.tryCast(text, 'double'));
      break;
    case 'epoch_millis':
      instant = d.epochSecondsToInstant(`(${d.tryCast(text, 'double')} / 1000.0)`);
      break;
  }
  if (ts.add && addText) {
    const steps = `(${d.tryCast(addText, 'double')} - ${ts.add.base})`;
    instant = d.addSeconds(instant, `${steps} * ${ts.add.seconds}`);
  }
  return instant;
}

/** The local value maps to no instant (spring-forward gap): true/false, NULL when local is NULL. */
export function nonexistentSql(d: Dialect, ts: TimestampPlan, local: string): string {
  return `(${d.instantToLocal(d.localToInstant(local, ts.zone), ts.zone)} <> ${local})`;
}

/** A local calendar boundary (midnight, 1st of month) as an instant: the earlier one when it occurs twice, shifted forward when skipped. */
export function boundaryInstantSql(d: Dialect, zone: string, local: string): string {
  return resolveLocal(d, { format: 'iso8601', zone, ambiguous: 'earlier', nonexistent: 'shift_forward' }, local);
}

function resolveLocal(d: Dialect, ts: TimestampPlan, local: string): string {
  const c = d.localToInstant(local, ts.zone);
  const back = (x: string) => d.instantToLocal(x, ts.zone);
  // The size of a nearby DST shift: the zone's UTC offset a day later minus a day before (3600 s in
  // New York, 1800 s at Lord Howe, 0 away from a transition).
  const offset = (x: string) => d.diffSeconds(d.instantToLocal(x, 'UTC'), d.instantToLocal(x, ts.zone));
  const shift = `abs(${offset(d.addSeconds(c, '86400'))} - ${offset(d.addSeconds(c, '-86400'))})`;
  const earlier = d.addSeconds(c, `-${shift}`);
  const later = d.addSeconds(c, shift);
  const gap = ts.nonexistent === 'reject' ? `WHEN ${back(c)} <> ${local} THEN NULL ` : '';
  const overlap =
    ts.ambiguous === 'earlier'
      ? `WHEN ${back(earlier)} = ${local} THEN ${earlier} `
      : ts.ambiguous === 'later'
        ? `WHEN ${back(later)} = ${local} THEN ${later} `
        : `WHEN ${back(earlier)} = ${local} OR ${back(later)} = ${local} THEN NULL `;
  return `CASE ${gap}${overlap}ELSE ${c} END`;
}

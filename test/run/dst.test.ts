import { describe, expect, test } from 'vitest';
import { accounting, csv, doc, intervals, rejects, run, starts } from './util.ts';

const NY = 'America/New_York';
const GAP = `interval_start_ts: local time does not exist in ${NY} (skipped by DST)`;
const AMBIG = `interval_start_ts: local time is ambiguous in ${NY} (repeated by DST)`;

/** Local wall-clock times every `step` minutes from h0:00 to h1:00 on a day (`2025-11-02 01:05`). */
function clock(day: string, h0: number, h1: number, step: number): string[] {
  const out: string[] = [];
  for (let t = h0 * 60; t <= h1 * 60; t += step) out.push(`${day} ${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`);
  return out;
}
const file = (ts: string[]) => ({ 'i.csv': csv('m,ts,v', ts.map((t, i) => `M1,${t},${i}`)) });
/** An instant of 2025 in UTC: z('01-22T15:15') */
const z = (x: string) => `2025-${x}:00.000Z`;
const ISO = '{ from: ts, format: iso8601 }';
const fmt = (extra = '') => `{ from: ts, format: "%Y-%m-%d %H:%M"${extra} }`;

describe('DST', () => {
  test.each([15, 5])('spring forward at %i-minute intervals: the skipped hour is rejected by default', async (step) => {
    const ts = clock('2025-03-09', 1, 3, step);
    const p = await run(doc(intervals({ interval_start_ts: fmt() })), file(ts));
    const gap = 60 / step;
    expect(starts(await p.rows('intervals'))).toEqual([
      ...Array.from({ length: gap }, (_, i) => new Date(Date.UTC(2025, 2, 9, 6, i * step)).toISOString()),
      z('03-09T07:00'),
    ]);
    const rej = await rejects(p);
    expect(rej.map((r) => r.source_line)).toEqual(Array.from({ length: gap }, (_, i) => gap + 2 + i));
    accounting(p, 'intervals', { read: 2 * gap + 1, written: gap + 1, rejected: gap, rejectedByReason: { [GAP]: gap } });
  });

  test('nonexistent: shift_forward keeps the skipped hour, moved forward by the gap', async () => {
    const p = await run(doc(intervals({ interval_start_ts: fmt(', nonexistent: shift_forward') })), file(['2025-03-09 01:45', '2025-03-09 02:00', '2025-03-09 02:30', '2025-03-09 03:00']));
    expect(starts(await p.rows('intervals'))).toEqual([z('03-09T06:45'), z('03-09T07:00'), z('03-09T07:30'), z('03-09T07:00')]);
    accounting(p, 'intervals', { read: 4, written: 4, rejected: 0 });
  });

  test.each([15, 5])('fall back at %i-minute intervals: earlier (default), later, reject', async (step) => {
    const ts = clock('2025-11-02', 0, 2, step); // 00:00 … 02:00: 01:00–01:5x are ambiguous
    const n = 60 / step;
    const at = (h: number, i: number) => new Date(Date.UTC(2025, 10, 2, h, i * step)).toISOString();
    const first = Array.from({ length: n }, (_, i) => at(4, i)); // 00:xx EDT
    const edt = Array.from({ length: n }, (_, i) => at(5, i)); // 01:xx EDT
    const est = Array.from({ length: n }, (_, i) => at(6, i)); // 01:xx EST
    const two = z('11-02T07:00'); // 02:00 EST

    const earlier = await run(doc(intervals({ interval_start_ts: fmt() })), file(ts));
    expect(starts(await earlier.rows('intervals'))).toEqual([...first, ...edt, two]);
    const later = await run(doc(intervals({ interval_start_ts: fmt(', ambiguous: later') })), file(ts));
    expect(starts(await later.rows('intervals'))).toEqual([...first, ...est, two]);
    const reject = await run(doc(intervals({ interval_start_ts: fmt(', ambiguous: reject') })), file(ts));
    expect(starts(await reject.rows('intervals'))).toEqual([...first, two]);
    expect((await rejects(reject)).map((r) => r.source_line)).toEqual(Array.from({ length: n }, (_, i) => n + 2 + i));
    accounting(reject, 'intervals', { read: 2 * n + 1, written: n + 1, rejected: n, rejectedByReason: { [AMBIG]: n } });
  });

  // ENGINE BUG: resolveLocal (engine/compile/timestamp-sql.ts) probes ±3600 s, so a 30-minute DST shift
  // (Lord Howe: 02:00 +11 → 01:30 +10:30) is never seen as ambiguous.
  test('a half-hour DST shift: 01:45 on 2025-04-06 in Australia/Lord_Howe is ambiguous', async () => {
    const lh = (a: string) => doc(intervals({ interval_start_ts: fmt(a) }), { tz: 'Australia/Lord_Howe' });
    const t = file(['2025-04-06 01:15', '2025-04-06 01:45']);
    expect(starts(await (await run(lh(''), t)).rows('intervals'))).toEqual([z('04-05T14:15'), z('04-05T14:45')]);
    const p = await run(lh(', ambiguous: reject'), t);
    expect((await rejects(p)).map((r) => [r.source_line, r.reason])).toEqual([[3, 'interval_start_ts: local time is ambiguous in Australia/Lord_Howe (repeated by DST)']]);
  });

  test('ISO local times without offset follow the same DST policies; explicit offsets are never ambiguous', async () => {
    const p = await run(doc(intervals({ interval_start_ts: ISO })), file([
      '2025-11-02T01:30:00',
      '2025-11-02T01:30:00-04:00',
      '2025-11-02T01:30:00-05:00',
      '2025-03-09T02:30:00',
    ]));
    expect(starts(await p.rows('intervals'))).toEqual([z('11-02T05:30'), z('11-02T05:30'), z('11-02T06:30')]);
    expect((await rejects(p)).map((r) => [r.source_line, r.reason])).toEqual([[5, GAP]]);
  });
});

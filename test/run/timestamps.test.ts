import { describe, expect, test } from 'vitest';
import { accounting, csv, doc, intervals, rejects, run, starts } from './util.ts';


const file = (ts: string[]) => ({ 'i.csv': csv('m,ts,v', ts.map((t, i) => `M1,${t},${i}`)) });
/** An instant of 2025 in UTC: z('01-22T15:15') */
const z = (x: string) => `2025-${x}:00.000Z`;
const ISO = '{ from: ts, format: iso8601 }';
const fmt = (extra = '') => `{ from: ts, format: "%Y-%m-%d %H:%M"${extra} }`;

describe('timestamp formats', () => {
  test('ISO 8601 with an offset or Z is read as that instant; without one, in the mapping timezone', async () => {
    const p = await run(doc(intervals({ interval_start_ts: ISO })), file([
      '2025-01-22T10:15:00-05:00',
      '2025-07-01T12:00:00Z',
      '2025-07-01T12:00:00+02:00',
      '2025-01-22T10:15:00',
      '2025-07-01 12:00:00',
    ]));
    expect(starts(await p.rows('intervals'))).toEqual([
      z('01-22T15:15'),
      z('07-01T12:00'),
      z('07-01T10:00'),
      z('01-22T15:15'), // EST: +5 h
      z('07-01T16:00'), // EDT: +4 h
    ]);
    accounting(p, 'intervals', { read: 5, written: 5, rejected: 0 });
  });

  // Regression: a date-only value ends in '-DD', which an offset pattern must not take for a UTC offset.
  test('an ISO date without time or offset is local midnight in the mapping timezone', async () => {
    const p = await run(doc(intervals({ interval_start_ts: ISO, duration_seconds: '86400' })), file(['2025-01-22', '2025-07-15']));
    expect(starts(await p.rows('intervals'))).toEqual([z('01-22T05:00'), z('07-15T04:00')]);
  });

  test('%Y%m%d is local midnight: +5 h in winter, +4 h in summer', async () => {
    const p = await run(doc(intervals({ interval_start_ts: '{ from: ts, format: "%Y%m%d" }', duration_seconds: '86400' })), file(['20250122', '20250715']));
    const rows = await p.rows('intervals');
    expect(starts(rows)).toEqual([z('01-22T05:00'), z('07-15T04:00')]);
    expect(rows.map((r) => r.interval_end_ts)).toEqual([z('01-23T05:00'), z('07-16T04:00')]);
  });

  test('%m/%d/%Y %H:%M accepts one- and two-digit fields', async () => {
    const p = await run(doc(intervals({ interval_start_ts: '{ from: ts, format: "%m/%d/%Y %H:%M" }' })), file(['01/22/2025 13:45', '7/4/2025 9:05']));
    expect(starts(await p.rows('intervals'))).toEqual([z('01-22T18:45'), z('07-04T13:05')]);
  });

  test('strftime patterns match strictly: 2025013 is not %Y%m%d', async () => {
    const p = await run(doc(intervals({ interval_start_ts: '{ from: ts, format: "%Y%m%d" }' })), file(['20250122', '2025013', '202501221']));
    expect(starts(await p.rows('intervals'))).toEqual([z('01-22T05:00')]);
    const rej = await rejects(p);
    expect(rej.map((r) => [r.source_line, r.reason])).toEqual([
      [3, 'interval_start_ts: not a valid timestamp (%Y%m%d)'],
      [4, 'interval_start_ts: not a valid timestamp (%Y%m%d)'],
    ]);
    accounting(p, 'intervals', { read: 3, written: 1, rejected: 2, rejectedByReason: { 'interval_start_ts: not a valid timestamp (%Y%m%d)': 2 } });
  });

  test('epoch_seconds and epoch_millis', async () => {
    const p = await run(
      doc(intervals({ interval_start_ts: '{ from: ts, format: epoch_seconds }', last_update_ts: '{ from: u, format: epoch_millis }' })),
      { 'i.csv': csv('m,ts,u,v', ['M1,1737540000,1751371200123,1', 'M1,1737540900.5,0,2', 'M1,abc,,3']) },
    );
    const rows = await p.rows('intervals');
    expect(rows.map((r) => [r.interval_start_ts, r.last_update_ts])).toEqual([
      [z('01-22T10:00'), '2025-07-01T12:00:00.123Z'],
      ['2025-01-22T10:15:00.500Z', '1970-01-01T00:00:00.000Z'],
    ]);
    expect((await rejects(p)).map((r) => [r.source_line, r.reason])).toEqual([[4, 'interval_start_ts: not a valid timestamp (epoch_seconds)']]);
  });

  test('an invalid ISO value is rejected with its reason and source line', async () => {
    const p = await run(doc(intervals({ interval_start_ts: ISO })), file(['2025-02-28T23:00:00-05:00', '2025-02-30T25:00:00-05:00', '2025-03-01T00:00:00-05:00']));
    expect(starts(await p.rows('intervals'))).toEqual([z('03-01T04:00'), z('03-01T05:00')]);
    const rej = await rejects(p);
    expect(rej).toHaveLength(1);
    expect(rej[0]).toMatchObject({ source_line: 3, reason: 'interval_start_ts: not a valid timestamp (iso8601)' });
    expect(JSON.parse(rej[0].record)).toEqual({ m: 'M1', ts: '2025-02-30T25:00:00-05:00', v: '1' });
    accounting(p, 'intervals', { read: 3, written: 2, rejected: 1 });
  });

  test('a per-column timezone overrides the mapping timezone', async () => {
    const p = await run(
      doc(intervals({ interval_start_ts: `{ from: ts, format: "%Y-%m-%d %H:%M", timezone: America/Chicago }`, last_update_ts: fmt() })),
      file(['2025-01-22 10:00', '2025-07-22 10:00']),
    );
    const rows = await p.rows('intervals');
    expect(starts(rows)).toEqual([z('01-22T16:00'), z('07-22T15:00')]); // Chicago
    expect(rows.map((r) => r.last_update_ts)).toEqual([z('01-22T15:00'), z('07-22T14:00')]);
  });

  test('interval_end_ts = start + duration_seconds (per row)', async () => {
    const p = await run(doc(intervals({ interval_start_ts: ISO, duration_seconds: 'd' })), {
      'i.csv': csv('m,ts,d,v', ['M1,2025-01-22T10:00:00Z,300,1', 'M1,2025-01-22T10:00:00Z,900,2', 'M1,2025-03-08T05:00:00Z,86400,3']),
    });
    expect((await p.rows('intervals')).map((r) => [r.duration_seconds, r.interval_end_ts])).toEqual([
      [300, z('01-22T10:05')],
      [900, z('01-22T10:15')],
      [86400, z('03-09T05:00')], // elapsed seconds, not local days: across spring-forward
    ]);
  });
});

describe('date plus hour column (hour ending 1..24)', () => {
  const hourly = doc(intervals({ interval_start_ts: '{ from: day, format: "%Y%m%d", add: { from: hour, unit: hours, base: 1 } }', duration_seconds: '3600' }));
  const day = (d: string, n: number) => Array.from({ length: n }, (_, i) => `M1,${d},${i + 1},${i}`);

  // [day, hours, first three starts, last start, last end = next local midnight] (UTC, in 2025)
  test.each<[string, number, string[], string, string]>([
    ['20250122', 24, ['01-22T05', '01-22T06', '01-22T07'], '01-23T04', '01-23T05'], // from local midnight
    ['20251102', 25, ['11-02T04', '11-02T05', '11-02T06'], '11-03T04', '11-03T05'], // fall back: hour 25
    ['20250309', 23, ['03-09T05', '03-09T06', '03-09T07'], '03-10T03', '03-10T04'], // spring forward: 23 h
  ])('%s has %i distinct hourly instants', async (d, n, first, last, end) => {
    const p = await run(hourly, { 'i.csv': csv('m,day,hour,v', day(d, n)) });
    const rows = await p.rows('intervals');
    const s = starts(rows);
    expect(new Set(s).size).toBe(n);
    expect([s[0], s[1], s[2], s[n - 1], rows[n - 1].interval_end_ts]).toEqual([...first, last, end].map((x) => z(`${x}:00`)));
    accounting(p, 'intervals', { read: n, written: n, rejected: 0 });
  });
});

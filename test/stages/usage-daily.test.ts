import { describe, expect, test } from 'vitest';
import { csv, day, instants, stageRun, usage, z, type Read } from './util.ts';

const only = (rows: Record<string, any>[], sp: string) => rows.filter((r) => r.service_point_id === sp);

describe('usage_daily: local days', () => {
  // [local date, step, expected intervals, bucket start, bucket end (next local midnight)]
  test.each([
    ['2025-03-09', 15, 92, z('03-09T05:00'), z('03-10T04:00')],
    ['2025-03-09', 5, 276, z('03-09T05:00'), z('03-10T04:00')],
    ['2025-11-02', 15, 100, z('11-02T04:00'), z('11-03T05:00')],
    ['2025-11-02', 5, 300, z('11-02T04:00'), z('11-03T05:00')],
    ['2025-03-12', 15, 96, z('03-12T04:00'), z('03-13T04:00')],
  ])('%s at %i-minute intervals: %i intervals, complete', async (date, step, n, start, end) => {
    const ts = instants(start, end, step);
    expect(ts).toHaveLength(n);
    // plus the last interval of the day before and the first of the day after
    const reads = [Date.parse(start) - step * 60_000, ...ts, Date.parse(end)].map((t) => ({ ts: t, dur: step * 60, v: 2 }));
    const { rows } = await usage(reads);
    expect(rows.map((r) => [r.local_date, r.interval_count])).toEqual([
      [day(new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10)), 1],
      [day(date), n],
      [day(new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10)), 1],
    ]);
    expect(rows[1]).toMatchObject({
      service_point_id: 'SP1',
      timezone: 'America/New_York',
      bucket: 'day',
      bucket_start: start,
      bucket_end: end,
      unit: 'kWh',
      direction: 'delivered',
      channel_raw: null,
      interval_seconds: step * 60,
      total_usage: 2 * n,
      interval_count: n,
      missing_count: 0,
      expected_interval_count: n,
      completeness: 1,
      peak_usage_value: 2,
      peak_usage_ts: start, // all equal: the earliest
      pit_usage_value: 2,
      pit_usage_ts: start,
    });
  });

  test('a day with reads missing: completeness below 1', async () => {
    const ts = instants(z('03-12T04:00'), z('03-13T04:00'), 15).filter((_, i) => i % 4 !== 3); // 72 of 96
    const { rows } = await usage(ts.map((t) => ({ ts: t, v: 1 })));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ interval_count: 72, expected_interval_count: 96, completeness: 0.75, total_usage: 72, missing_count: 0 });
  });

  test('peak and pit: earliest on ties, missing reads never used, zero is a valid pit', async () => {
    const at = (hhmm: string) => `2025-03-12T${hhmm}:00-04:00`;
    const reads: Read[] = [
      // SP1: ties for both, the later tie first in the file
      { sp: 'SP1', ts: at('01:00'), v: 5 },
      { sp: 'SP1', ts: at('00:00'), v: 3 },
      { sp: 'SP1', ts: at('00:45'), v: 1 },
      { sp: 'SP1', ts: at('00:30'), v: 5 },
      { sp: 'SP1', ts: at('00:15'), v: 1 },
      // SP2: the smallest and the largest value are flagged missing
      { sp: 'SP2', ts: at('10:00'), v: 0.5, q: 'M' },
      { sp: 'SP2', ts: at('10:15'), v: 2 },
      { sp: 'SP2', ts: at('10:30'), v: 3 },
      { sp: 'SP2', ts: at('10:45'), v: 9, q: 'M' },
      // SP3: zero reads
      { sp: 'SP3', ts: at('12:00'), v: 2 },
      { sp: 'SP3', ts: at('12:15'), v: 0 },
      { sp: 'SP3', ts: at('12:30'), v: 0 },
    ];
    const { rows } = await usage(reads);
    const pp = (r: Record<string, any>) => [r.peak_usage_value, r.peak_usage_ts, r.pit_usage_value, r.pit_usage_ts];
    const [sp1] = only(rows, 'SP1');
    expect(pp(sp1)).toEqual([5, z('03-12T04:30'), 1, z('03-12T04:15')]);
    expect(sp1).toMatchObject({ total_usage: 15, interval_count: 5, missing_count: 0 });
    const [sp2] = only(rows, 'SP2');
    expect(pp(sp2)).toEqual([3, z('03-12T14:30'), 2, z('03-12T14:15')]);
    expect(sp2).toMatchObject({ total_usage: 14.5, interval_count: 4, missing_count: 2, expected_interval_count: 96 });
    const [sp3] = only(rows, 'SP3');
    expect(pp(sp3)).toEqual([2, z('03-12T16:00'), 0, z('03-12T16:15')]);
  });

  test('units apart, meters of a service point added per start time, unknown units per channel, orphans left out', async () => {
    const at = (hhmm: string) => `2025-03-12T${hhmm}:00-04:00`;
    const reads: Read[] = [
      // kWh and kVARh of one meter: two rows
      { sp: 'SP4', ts: at('08:00'), v: 2, u: 'kWh', ch: 'kwh' },
      { sp: 'SP4', ts: at('08:00'), v: 3, u: 'kVARh', ch: 'kvarh' },
      { sp: 'SP4', ts: at('08:15'), v: 4, u: 'kWh', ch: 'kwh' },
      // two meters at SP5; at 09:45 one of the two reads is missing → the start time is missing
      ...[['09:00', 1, 10], ['09:15', 2, 20], ['09:30', 3, 30], ['09:45', 100, 0.5]].flatMap(([t, a, b]) => [
        { sp: 'SP5', m: 'MA', ts: at(t as string), v: a as number },
        { sp: 'SP5', m: 'MB', ts: at(t as string), v: b as number, q: t === '09:45' ? 'M' : 'A' },
      ]),
      // unknown unit: summed per raw channel; known units across channels
      { sp: 'SP6', ts: at('07:00'), v: 1, u: 'unknown', ch: '101' },
      { sp: 'SP6', ts: at('07:00'), v: 7, u: 'unknown', ch: '102' },
      { sp: 'SP6', ts: at('07:00'), v: 5, u: 'kWh', ch: 'a' },
      { sp: 'SP6', ts: at('07:00'), v: 6, u: 'kWh', ch: 'b' },
      // no service point
      { sp: '', m: 'MX', ts: at('07:00'), v: 99 },
    ];
    const { s, rows } = await usage(reads);
    expect(only(rows, 'SP4').map((r) => [r.unit, r.total_usage, r.interval_count, r.expected_interval_count])).toEqual([
      ['kVARh', 3, 1, 96],
      ['kWh', 6, 2, 96],
    ]);
    const [sp5] = only(rows, 'SP5');
    expect(sp5).toMatchObject({ total_usage: 166.5, interval_count: 4, missing_count: 1, peak_usage_value: 33, peak_usage_ts: z('03-12T13:30') });
    expect(sp5).toMatchObject({ pit_usage_value: 11, pit_usage_ts: z('03-12T13:00') });
    expect(only(rows, 'SP6').map((r) => [r.unit, r.channel_raw, r.total_usage])).toEqual([
      ['kWh', null, 11],
      ['unknown', '101', 1],
      ['unknown', '102', 7],
    ]);
    expect(rows.map((r) => r.service_point_id)).not.toContain(null);
    expect(rows.reduce((a, r) => a + r.total_usage, 0)).toBe(3 + 6 + 166.5 + 19); // the orphan's 99 is not there
    expect(s.result.stages.find((x) => x.table === 'usage_daily')).toEqual({
      utility: 'T',
      table: 'usage_daily',
      rows: rows.length,
      notes: { intervals_without_service_point: 1 },
    });
  });

  test('daily reads dated %Y%m%d: one expected interval per day, also on DST days', async () => {
    const yaml = `utility: T
timezone: America/New_York
intervals:
  source: d.csv
  columns:
    service_point_id: sp
    meter_id: m
    interval_start_ts: { from: day, format: "%Y%m%d" }
    duration_seconds: 86400
    value: v
    unit: { const: kWh }
`;
    const s = await stageRun(yaml, { 'd.csv': csv('sp,m,day,v', ['P,M,20250309,12.5', 'P,M,20250310,7.25', 'P,M,20251102,30']) });
    const rows = await s.rows('experience', 'usage_daily', 'bucket_start');
    expect(rows.map((r) => [r.local_date, r.bucket_start, r.bucket_end, r.direction, r.total_usage, r.interval_count, r.expected_interval_count, r.completeness])).toEqual([
      [day('2025-03-09'), z('03-09T05:00'), z('03-10T04:00'), 'unknown', 12.5, 1, 1, 1],
      [day('2025-03-10'), z('03-10T04:00'), z('03-11T04:00'), 'unknown', 7.25, 1, 1, 1],
      [day('2025-11-02'), z('11-02T04:00'), z('11-03T05:00'), 'unknown', 30, 1, 1, 1],
    ]);
  });
});

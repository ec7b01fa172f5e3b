import { describe, expect, test } from 'vitest';
import { day, instants, iso, usage, z, type Read } from './util.ts';

describe('usage buckets: hour and month', () => {
  test.each([
    ['2025-11-02', 25, z('11-02T04:00'), z('11-03T05:00')],
    ['2025-03-09', 23, z('03-09T05:00'), z('03-10T04:00')],
  ])('hour: %s has %i hourly buckets', async (date, hours, start, end) => {
    const { s, rows } = await usage(instants(start, end, 15).map((t, i) => ({ ts: t, v: i })), 'hour');
    expect(rows).toHaveLength(hours);
    expect(rows.every((r) => r.local_date === day(date) && r.bucket === 'hour')).toBe(true);
    expect(rows.map((r) => r.bucket_start)).toEqual(instants(start, end, 60).map(iso));
    expect(rows.map((r) => r.bucket_end)).toEqual(instants(start, end, 60).map((t) => iso(t + 3_600_000)));
    expect(rows.every((r) => r.interval_count === 4 && r.expected_interval_count === 4 && r.completeness === 1)).toBe(true);
    expect(rows[1]).toMatchObject({ total_usage: 4 + 5 + 6 + 7, peak_usage_value: 7, pit_usage_value: 4, pit_usage_ts: iso(Date.parse(start) + 3_600_000) });
    expect(s.result.stages.map((x) => x.table)).toEqual(['usage_interval', 'usage_hourly', 'usage_by_area']);
  });

  test('month: one row per local month, expected = length of the month / 15 minutes', async () => {
    const reads: Read[] = [
      { ts: '2025-02-01T00:00:00-05:00', v: 1 },
      { ts: '2025-02-28T23:45:00-05:00', v: 2 },
      { ts: '2025-03-01T00:00:00-05:00', v: 3 },
      { ts: '2025-03-31T23:45:00-04:00', v: 4 }, // April in UTC, March locally
      { ts: '2025-04-15T12:00:00-04:00', v: 5 },
    ];
    const { rows } = await usage(reads, 'month');
    expect(rows.map((r) => [r.local_date, r.bucket_start, r.bucket_end, r.interval_count, r.expected_interval_count, r.total_usage, r.month])).toEqual([
      [day('2025-02-01'), z('02-01T05:00'), z('03-01T05:00'), 2, 28 * 96, 3, '2025-02'],
      [day('2025-03-01'), z('03-01T05:00'), z('04-01T04:00'), 2, 31 * 96 - 4, 7, '2025-03'], // one hour less: spring forward
      [day('2025-04-01'), z('04-01T04:00'), z('05-01T04:00'), 1, 30 * 96, 5, '2025-04'],
    ]);
    expect(rows[0].completeness).toBe(2 / 2688);
  });
});

describe('zones where the local hour or midnight is unusual', () => {
  // ENGINE BUG (engine/stages/usage-bucket-sql.ts): hour buckets truncate the UTC instant, so in a zone with a
  // half-hour offset they start at local :30, and reads right after local midnight land on the previous local_date.
  test('hour: buckets are local hours in a zone with a half-hour offset (Asia/Kolkata, +05:30)', async () => {
    const reads = ['00:00', '00:15', '00:30', '00:45'].map((t, i) => ({ ts: `2025-03-12T${t}:00+05:30`, v: i + 1 }));
    const { rows } = await usage(reads, 'hour', 'Asia/Kolkata');
    expect(rows.map((r) => [r.local_date, r.bucket_start, r.bucket_end, r.interval_count, r.total_usage])).toEqual([
      [day('2025-03-12'), z('03-11T18:30'), z('03-11T19:30'), 4, 10],
    ]);
  });

  // ENGINE BUG (engine/stages/usage-bucket-sql.ts via duckdbDialect.localToInstant): in Havana clocks fall back
  // from 01:00 CDT to 00:00 CST on 2025-11-02, so local midnight happens twice. The day starts at the first
  // midnight (04:00Z), but `TIMESTAMP AT TIME ZONE` resolves the ambiguous midnight to the later one (05:00Z).
  test('day: the fall-back day of America/Havana (midnight repeated) starts at the first midnight', async () => {
    const reads = instants(z('11-01T04:00'), z('11-03T05:00'), 15).map((t) => ({ ts: iso(t), v: 1 }));
    const { rows } = await usage(reads, 'day', 'America/Havana');
    expect(rows.map((r) => [r.local_date, r.bucket_start, r.bucket_end, r.interval_count, r.expected_interval_count, r.completeness])).toEqual([
      [day('2025-11-01'), z('11-01T04:00'), z('11-02T04:00'), 96, 96, 1],
      [day('2025-11-02'), z('11-02T04:00'), z('11-03T05:00'), 100, 100, 1],
    ]);
  });

  test('day: the spring-forward day of America/Havana (midnight skipped) starts at 01:00 CDT', async () => {
    const reads = instants(z('03-09T05:00'), z('03-10T04:00'), 15).map((t) => ({ ts: iso(t), v: 1 }));
    const { rows } = await usage(reads, 'day', 'America/Havana');
    expect(rows.map((r) => [r.local_date, r.bucket_start, r.bucket_end, r.interval_count, r.expected_interval_count])).toEqual([
      [day('2025-03-09'), z('03-09T05:00'), z('03-10T04:00'), 92, 92],
    ]);
  });
});

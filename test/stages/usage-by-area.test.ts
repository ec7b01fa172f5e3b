import { beforeAll, describe, expect, test } from 'vitest';
import { csv, day, stageRun, z, type StageRun } from './util.ts';

/**
 * One run over small areas, one ZIP per case. Every customer (service point) has one meter and
 * reads at 00:00 local of the day(s) given; `commercial` gets the 6/40 rule through the mapping,
 * `industrial` has no rule.
 */
const mapping = `utility: T
timezone: America/New_York
privacy_screen:
  classes: { commercial: ny_6_40 }
service_points:
  source: sp.csv
  columns: { service_point_id: sp, zip: zip, city: city }
meters:
  source: m.csv
  columns:
    meter_id: m
    customer_class: { from: cls, map: { R: residential, S: small_commercial, C: commercial, I: industrial } }
intervals:
  source: i.csv
  columns:
    service_point_id: sp
    meter_id: m
    interval_start_ts: { from: ts, format: iso8601 }
    duration_seconds: 900
    value: v
    unit: { const: kWh }
    direction: { const: delivered }
`;

interface Customers {
  zip: string;
  cls: string;
  n: number;
  /** Usage of each customer: a number for all, or one value per customer. */
  v: number | number[];
  days?: string[];
}

const areas: Customers[] = [
  { zip: '10001', cls: 'R', n: 15, v: 1 }, // 15/15 passes
  { zip: '10002', cls: 'R', n: 14, v: 1 }, // too few
  { zip: '10003', cls: 'R', n: 15, v: [-10, ...Array(14).fill(1)] }, // |-10| / 24 > 15 %
  // complementary by class: commercial fails (3 < 6); the smallest other cell goes with it
  { zip: '10004', cls: 'R', n: 20, v: 1 },
  { zip: '10004', cls: 'S', n: 7, v: 2 },
  { zip: '10004', cls: 'C', n: 3, v: 5 },
  { zip: '10005', cls: 'I', n: 20, v: 1 }, // no rule: suppressed, and its total with it
  // complementary by time: the 2nd has 14 customers, the month 16
  { zip: '10006', cls: 'R', n: 14, v: 1, days: ['01', '02', '03'] },
  { zip: '10006', cls: 'R', n: 2, v: 1, days: ['01', '03'] },
];

function files(): Record<string, string> {
  const sp: string[] = [];
  const m: string[] = [];
  const reads: string[] = [];
  let k = 0;
  for (const a of areas)
    for (let i = 0; i < a.n; i++) {
      const id = String(++k).padStart(3, '0');
      sp.push(`SP${id},${a.zip},TOWN${a.zip}`);
      m.push(`M${id},${a.cls}`);
      const v = typeof a.v === 'number' ? a.v : a.v[i];
      for (const d of a.days ?? ['01']) reads.push(`SP${id},M${id},2025-03-${d}T00:00:00-05:00,${v}`);
    }
  return { 'sp.csv': csv('sp,zip,city', sp), 'm.csv': csv('m,cls', m), 'i.csv': csv('sp,m,ts,v', reads) };
}

let run: StageRun;
let rows: Record<string, any>[];
beforeAll(async () => {
  run = await stageRun(mapping, files());
  rows = await run.rows('experience', 'usage_by_area', 'zip, period, period_start, customer_class');
}, 120_000);

/** [period, local date, class, reason or null] of the rows of a ZIP. */
const cells = (zip: string) =>
  rows
    .filter((r) => r.zip === zip)
    .map((r) => [r.period, r.local_date.slice(0, 10), r.customer_class, r.suppression_reason]);

describe('usage_by_area: the privacy screen', () => {
  test('15 residential customers, none dominant: published with totals, customers, peak and pit', () => {
    expect(cells('10001')).toEqual([
      ['day', '2025-03-01', 'all', null],
      ['day', '2025-03-01', 'residential', null],
      ['month', '2025-03-01', 'all', null],
      ['month', '2025-03-01', 'residential', null],
    ]);
    const r = rows.find((x) => x.zip === '10001' && x.period === 'day' && x.customer_class === 'residential')!;
    expect(r).toMatchObject({
      city: 'TOWN10001',
      period_start: z('03-01T05:00'),
      period_end: z('03-02T05:00'),
      local_date: day('2025-03-01'),
      unit: 'kWh',
      direction: 'delivered',
      channel_raw: null,
      customer_count: 15,
      total_usage: 15,
      peak_usage_value: 15,
      peak_usage_ts: z('03-01T05:00'),
      pit_usage_value: 15,
      suppressed: false,
    });
    expect(Object.keys(r)).not.toContain('service_point_id');
  });

  test('14 customers: too few, the cell and its total suppressed with no values', () => {
    expect(cells('10002').map((c) => c[3])).toEqual(Array(4).fill('too_few_customers'));
    for (const r of rows.filter((x) => x.zip === '10002'))
      expect(r).toMatchObject({
        suppressed: true,
        customer_count: null,
        total_usage: null,
        peak_usage_value: null,
        pit_usage_ts: null,
      });
  });

  test('one customer above 15 % of the cell (on absolute values: a negative total counts by size)', () => {
    expect(cells('10003').map((c) => c[3])).toEqual(Array(4).fill('dominant_customer'));
  });

  test('complementary: one class fails under a published total, so the smallest other class goes too', () => {
    expect(cells('10004').filter((c) => c[0] === 'day')).toEqual([
      ['day', '2025-03-01', 'all', null],
      ['day', '2025-03-01', 'commercial', 'too_few_customers'],
      ['day', '2025-03-01', 'residential', null],
      ['day', '2025-03-01', 'small_commercial', 'complementary'],
    ]);
    // total − residential = commercial + small commercial: two cells, neither recoverable alone
    const day1 = rows.filter((x) => x.zip === '10004' && x.period === 'day');
    expect(day1.find((x) => x.customer_class === 'all')).toMatchObject({ total_usage: 49, customer_count: 30 });
    const small = day1.find((x) => x.customer_class === 'small_commercial');
    expect(small).toMatchObject({ suppressed: true, total_usage: null });
  });

  test('a class with no rule is suppressed, and a total equal to it as well', () => {
    expect(cells('10005').map((c) => [c[2], c[3]])).toEqual([
      ['all', 'complementary'],
      ['industrial', 'no_screen_rule'],
      ['all', 'complementary'],
      ['industrial', 'no_screen_rule'],
    ]);
  });

  test('complementary over time: a failing day under a published month takes the smallest other day along', () => {
    expect(cells('10006')).toEqual([
      ['day', '2025-03-01', 'all', 'complementary'],
      ['day', '2025-03-01', 'residential', 'complementary'],
      ['day', '2025-03-02', 'all', 'too_few_customers'],
      ['day', '2025-03-02', 'residential', 'too_few_customers'],
      ['day', '2025-03-03', 'all', null],
      ['day', '2025-03-03', 'residential', null],
      ['month', '2025-03-01', 'all', null],
      ['month', '2025-03-01', 'residential', null],
    ]);
  });

  test('the accounting counts cells published and suppressed by reason', () => {
    const account = run.result.stages.find((s) => s.table === 'usage_by_area')!;
    const count = (reason: string | null) => rows.filter((r) => r.suppression_reason === reason).length;
    expect(account).toMatchObject({
      rows: rows.length,
      notes: {
        cells_published: count(null),
        cells_suppressed: rows.length - count(null),
        suppressed_too_few_customers: count('too_few_customers'),
        suppressed_dominant_customer: count('dominant_customer'),
        suppressed_no_screen_rule: count('no_screen_rule'),
        suppressed_complementary: count('complementary'),
      },
    });
    expect(count('complementary')).toBe(6);
  });
});

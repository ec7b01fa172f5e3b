import { describe, expect, test } from 'vitest';
import { runPipeline } from '../helpers/pipeline.ts';
import { accounting, csv, doc, rejects, run } from './util.ts';

const spBlock = `service_points:
  source: s.csv
  columns:
    service_point_id: id
    city: city
`;
const spCsv = csv('id,city', ['P1,Albany', 'P2,Troy', 'P3,Utica', 'P4,Rome', 'P5,Ithaca']);

/** meters: the installation history (one row per installation), the standardized table keeps the latest. */
const metersBlock = `meters:
  source: m.csv
  dedupe: { key: [meter_id], keep: last, order_by: installed_at }
  columns:
    meter_id: meter
    service_point_id: premise
    installed_at: { from: inst, format: iso8601 }
    removed_at: { from: rem, format: iso8601 }
`;

const ivBlock = (sp: string) => `intervals:
  source: i.csv
  columns:
    meter_id: meter
    interval_start_ts: { from: ts, format: iso8601 }
    duration_seconds: 86400
    value: v
    unit: { const: kWh }
    service_point_id: ${sp}
`;
const reads = (list: [string, string][]) => ({ 'i.csv': csv('meter,ts,v', list.map(([m, d], i) => `${m},${d}T00:00:00Z,${i}`)) });
const sps = async (p: Awaited<ReturnType<typeof runPipeline>>) =>
  (await p.rows('intervals')).map((r) => [r.meter_id, r.interval_start_ts.slice(0, 10), r.service_point_id]);

describe('joins', () => {
  test('intervals get service_point_id through meters; unknown meters are orphans, counted', async () => {
    const p = await run(doc(spBlock + metersBlock + ivBlock('{ via: { table: meters, on: meter_id } }')), {
      's.csv': spCsv,
      'm.csv': csv('meter,premise,inst,rem', ['M1,P1,2025-01-01T00:00:00Z,', 'M2,P9,2025-01-01T00:00:00Z,']),
      ...reads([['M1', '2025-01-10'], ['MX', '2025-01-10'], ['M2', '2025-01-10'], ['M1', '2025-01-11']]),
    });
    expect(await sps(p)).toEqual([
      ['M1', '2025-01-10', 'P1'],
      ['MX', '2025-01-10', null],
      ['M2', '2025-01-10', 'P9'], // linked through meters, but P9 is not a service point
      ['M1', '2025-01-11', 'P1'],
    ]);
    accounting(p, 'intervals', {
      read: 4,
      written: 4,
      rejected: 0,
      orphans: { 'service_point_id→service_points': 2, 'meter_id→meters': 1 },
    });
    accounting(p, 'meters', { read: 2, written: 2, orphans: { 'service_point_id→service_points': 1 } });
  });

  test('effective-dated join: swap mid-month, removal, reads before installation', async () => {
    const p = await run(doc(spBlock + metersBlock + ivBlock('{ via: { table: meters, on: meter_id, effective: [installed_at, removed_at] } }')), {
      's.csv': spCsv,
      'm.csv': csv('meter,premise,inst,rem', [
        'M1,P1,2025-01-01T00:00:00Z,2025-01-15T00:00:00Z',
        'M1,P2,2025-01-15T00:00:00Z,', // swapped to P2 on the 15th
        'M2,P3,2025-01-05T00:00:00Z,2025-01-20T00:00:00Z', // removed on the 20th
        'M3,P4,2025-01-01T00:00:00Z,', // no removal: ends at the next installation
        'M3,P5,2025-01-10T00:00:00Z,',
      ]),
      ...reads([
        ['M1', '2024-12-31'],
        ['M1', '2025-01-01'],
        ['M1', '2025-01-14'],
        ['M1', '2025-01-15'],
        ['M1', '2025-01-31'],
        ['M2', '2025-01-04'],
        ['M2', '2025-01-10'],
        ['M2', '2025-01-20'],
        ['M2', '2025-01-25'],
        ['M3', '2025-01-09'],
        ['M3', '2025-01-10'],
      ]),
    });
    expect(await sps(p)).toEqual([
      ['M1', '2024-12-31', null],
      ['M1', '2025-01-01', 'P1'],
      ['M1', '2025-01-14', 'P1'],
      ['M1', '2025-01-15', 'P2'],
      ['M1', '2025-01-31', 'P2'],
      ['M2', '2025-01-04', null],
      ['M2', '2025-01-10', 'P3'],
      ['M2', '2025-01-20', null],
      ['M2', '2025-01-25', null],
      ['M3', '2025-01-09', 'P4'],
      ['M3', '2025-01-10', 'P5'],
    ]);
    accounting(p, 'intervals', { read: 11, written: 11, orphans: { 'service_point_id→service_points': 4, 'meter_id→meters': 0 } });
    // the standardized meters keep the latest installation
    expect((await p.rows('meters', { orderBy: 'meter_id' })).map((r) => [r.meter_id, r.service_point_id])).toEqual([['M1', 'P2'], ['M2', 'P3'], ['M3', 'P5']]);
    accounting(p, 'meters', { read: 5, written: 3, deduplicated: 2 });
  });

  test('a join never multiplies rows, even when the joined table repeats its key', async () => {
    const noDedupe = metersBlock.replace(/  dedupe:.*\n/, '');
    const p = await run(doc(spBlock + noDedupe + ivBlock('{ via: { table: meters, on: meter_id } }')), {
      's.csv': spCsv,
      'm.csv': csv('meter,premise,inst,rem', ['M1,P1,,', 'M1,P2,,', 'M1,P3,,']),
      ...reads([['M1', '2025-01-01'], ['M1', '2025-01-02']]),
    });
    expect(await sps(p)).toEqual([['M1', '2025-01-01', 'P3'], ['M1', '2025-01-02', 'P3']]);
    accounting(p, 'intervals', { read: 2, written: 2 });
    accounting(p, 'meters', { read: 3, written: 3 });
  });

  test('an effective-dated join with overlapping periods still gives one row per read', async () => {
    const p = await run(doc(spBlock + metersBlock + ivBlock('{ via: { table: meters, on: meter_id, effective: [installed_at, removed_at] } }')), {
      's.csv': spCsv,
      'm.csv': csv('meter,premise,inst,rem', ['M1,P1,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z', 'M1,P2,2025-01-10T00:00:00Z,2025-03-01T00:00:00Z']),
      ...reads([['M1', '2025-01-05'], ['M1', '2025-01-20'], ['M1', '2025-02-15']]),
    });
    expect(await sps(p)).toEqual([['M1', '2025-01-05', 'P1'], ['M1', '2025-01-20', 'P2'], ['M1', '2025-02-15', 'P2']]);
    accounting(p, 'intervals', { read: 3, written: 3 });
  });

  test('two hops: intervals → meters → service_points, taking another column', async () => {
    const p = await run(
      doc(spBlock + metersBlock + ivBlock('{ via: [{ table: meters, on: meter_id }, { table: service_points, on: { service_point_id: service_point_id } }], take: service_point_id }').replace(
        '    service_point_id:',
        '    channel: { via: [{ table: meters, on: meter_id }, { table: service_points, on: service_point_id }], take: city }\n    service_point_id:',
      )),
      {
        's.csv': spCsv,
        'm.csv': csv('meter,premise,inst,rem', ['M1,P2,,', 'M2,P9,,']),
        ...reads([['M1', '2025-01-01'], ['M2', '2025-01-01'], ['MX', '2025-01-01']]),
      },
    );
    expect((await p.rows('intervals')).map((r) => [r.meter_id, r.service_point_id, r.channel])).toEqual([
      ['M1', 'P2', 'Troy'],
      ['M2', null, null], // P9 is not a service point: the second hop finds nothing
      ['MX', null, null],
    ]);
    accounting(p, 'intervals', { read: 3, written: 3, orphans: { 'service_point_id→service_points': 2, 'meter_id→meters': 1 } });
  });

  test('required: true on the looked-up column rejects orphans', async () => {
    const p = await run(doc(spBlock + metersBlock + ivBlock('{ via: { table: meters, on: meter_id }, required: true }')), {
      's.csv': spCsv,
      'm.csv': csv('meter,premise,inst,rem', ['M1,P1,,']),
      ...reads([['M1', '2025-01-01'], ['MX', '2025-01-01'], ['M1', '2025-01-02'], ['MY', '2025-01-02']]),
    });
    expect(await sps(p)).toEqual([['M1', '2025-01-01', 'P1'], ['M1', '2025-01-02', 'P1']]);
    const rej = await rejects(p);
    expect(rej.map((r) => [r.source_line, r.reason])).toEqual([
      [3, 'service_point_id: no match through meters'],
      [5, 'service_point_id: no match through meters'],
    ]);
    expect(JSON.parse(rej[0].record)).toMatchObject({ meter_id: 'MX', service_point_id: null });
    accounting(p, 'intervals', {
      read: 4,
      written: 2,
      rejected: 2,
      deduplicated: 0,
      rejectedByReason: { 'service_point_id: no match through meters': 2 },
      orphans: { 'service_point_id→service_points': 0, 'meter_id→meters': 0 },
    });
  });
});

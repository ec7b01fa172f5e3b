import { describe, expect, test } from 'vitest';
import { accounting, csv, doc, intervals, rejects, run } from './util.ts';

const TS = '2025-01-22T10:00:00Z';
const sp = (columns: string, extra = '', source = 's.csv') => `service_points:\n  source: ${source}\n${extra}  columns:\n${columns}`;
const label5 = 'KWH Received 5 Minute Interval Read Interval';
const label15 = 'KWH 15 Minute Interval Read Interval';
const labelVar = 'KVARH 5 Minute Interval Read Interval';

describe('column conversions', () => {
  test('renames, numeric and string constants', async () => {
    const p = await run(doc(sp('    service_point_id: PREMISE\n    city: TOWN\n    state: { const: NY }\n    zip: 12345\n')), {
      's.csv': csv('PREMISE,TOWN', ['P1,Albany', 'P2,']),
    });
    expect(await p.rows('service_points')).toMatchObject([
      { service_point_id: 'P1', city: 'Albany', state: 'NY', zip: '12345', source_line: 2 },
      { service_point_id: 'P2', city: null, state: 'NY', zip: '12345', source_line: 3 },
    ]);
    accounting(p, 'service_points', { read: 2, written: 2, rejected: 0, filtered: 0, deduplicated: 0 });
  });

  test('type casts the value, and the published column keeps its common-model type', async () => {
    const p = await run(doc(intervals({ meter_id: '{ from: m, type: bigint }', channel: '{ from: c, type: integer }', interval_start_ts: 'ts' })), {
      'i.csv': csv('m,ts,c,v', [`0042,${TS},07,1`, `0043,${TS},x,2`]),
    });
    expect((await rejects(p)).map((r) => [r.source_line, r.reason])).toEqual([[3, 'channel: not a valid integer']]);
    // meter_id and channel are strings in the common model: '0042' read as bigint is '42'
    expect((await p.rows('intervals')).map((r) => [r.meter_id, r.channel])).toEqual([['42', '7']]);
    accounting(p, 'intervals', { read: 2, written: 1, rejected: 1, rejectedByReason: { 'channel: not a valid integer': 1 } });
  });

  test('map with a default, and without one (unknown code → rejected)', async () => {
    const p = await run(
      doc(intervals({ interval_start_ts: 'ts', quality: '{ from: q, map: { VAL: valid, NV: not_validated }, default: unknown }', unit: '{ from: u, map: { "1": kWh, "2": kVARh }, on_unknown: reject }' })),
      { 'i.csv': csv('m,ts,q,u,v', [`M1,${TS},VAL,1,1`, `M1,${TS},EST,2,2`, `M1,${TS},NV,9,3`, `M1,${TS},,1,4`]) },
    );
    expect((await p.rows('intervals')).map((r) => [r.source_line, r.quality, r.unit])).toEqual([
      [2, 'valid', 'kWh'],
      [3, 'unknown', 'kVARh'],
      [5, 'unknown', 'kWh'], // a missing code takes the default too
    ]);
    expect((await rejects(p)).map((r) => [r.source_line, r.reason])).toEqual([[4, 'unit: unknown code']]);
    accounting(p, 'intervals', { read: 4, written: 3, rejected: 1, rejectedByReason: { 'unit: unknown code': 1 } });
  });

  test('an unknown code keeps its row as unknown by default (the raw value stays in *_raw)', async () => {
    const p = await run(
      doc(intervals({ interval_start_ts: 'ts', channel: '{ from: c, map: { A: a } }', channel_raw: 'c', unit: '{ const: kWh }' })),
      { 'i.csv': csv('m,ts,c,v', [`M1,${TS},A,1`, `M1,${TS},ZZ,2`]) },
    );
    expect((await p.rows('intervals')).map((r) => [r.source_line, r.channel, r.channel_raw])).toEqual([
      [2, 'a', 'A'],
      [3, 'unknown', 'ZZ'],
    ]);
    accounting(p, 'intervals', { read: 2, written: 2, rejected: 0 });
  });

  test('match: ordered regex rules (first wins), extract + scale for the duration', async () => {
    const p = await run(
      doc(
        intervals({
          interval_start_ts: 'ts',
          unit: '{ from: c, match: [{ pattern: "^KVARH ", value: kVARh }, { pattern: "^KWH ", value: kWh }] }',
          direction: '{ from: c, match: [{ pattern: "Received", value: received }, { pattern: "^KWH", value: delivered }], default: unknown }',
          duration_seconds: '{ from: c, extract: "(\\\\d+) Minute", scale: 60 }',
          channel_raw: 'c',
        }),
      ),
      { 'i.csv': csv('m,ts,c,v', [`M1,${TS},${label5},1`, `M1,${TS},${label15},2`, `M1,${TS},${labelVar},3`, `M1,${TS},Daily Read,4`]) },
    );
    expect((await p.rows('intervals')).map((r) => [r.unit, r.direction, r.duration_seconds, r.interval_end_ts, r.channel_raw])).toEqual([
      ['kWh', 'received', 300, '2025-01-22T10:05:00.000Z', label5],
      ['kWh', 'delivered', 900, '2025-01-22T10:15:00.000Z', label15],
      ['kVARh', 'unknown', 300, '2025-01-22T10:05:00.000Z', labelVar],
    ]);
    // 'Daily Read' fails twice; the reason is the first failing column in mapping order
    expect((await rejects(p)).map((r) => [r.source_line, r.reason])).toEqual([[5, 'duration_seconds: no match for extract pattern']]);
    accounting(p, 'intervals', { read: 4, written: 3, rejected: 1 });
  });

  test('scale converts Wh to kWh; a non-numeric value is rejected, not nulled', async () => {
    const p = await run(doc(intervals({ interval_start_ts: 'ts', value: '{ from: v, scale: 0.001 }' })), {
      'i.csv': csv('m,ts,v', [`M1,${TS},1500`, `M1,${TS},abc`, `M1,${TS},-250.5`, `M1,${TS},1.2.3`]),
    });
    expect((await p.rows('intervals')).map((r) => r.value)).toEqual([1.5, -0.2505]);
    expect((await rejects(p)).map((r) => [r.source_line, r.reason])).toEqual([[3, 'value: not a valid double'], [5, 'value: not a valid double']]);
    accounting(p, 'intervals', { read: 4, written: 2, rejected: 2, rejectedByReason: { 'value: not a valid double': 2 } });
  });

  test('expr concatenates columns; a missing part is empty text', async () => {
    const p = await run(doc(sp(`    service_point_id: id\n    street: { expr: "premise_house_num & ' ' & premise_street" }\n`)), {
      's.csv': csv('id,premise_house_num,premise_street', ['P1,12,Main St', 'P2,,Elm St']),
    });
    expect((await p.rows('service_points')).map((r) => r.street)).toEqual(['12 Main St', ' Elm St']);
    accounting(p, 'service_points', { read: 2, written: 2 });
  });

  test('required: true rejects a missing optional column; required: false accepts a missing required one', async () => {
    const p = await run(doc(intervals({ interval_start_ts: 'ts', value: '{ from: v, required: false }', channel: '{ from: c, required: true }' })), {
      'i.csv': csv('m,ts,c,v', [`M1,${TS},A,1`, `M1,${TS},,2`, `M1,${TS},B,`]),
    });
    expect((await p.rows('intervals')).map((r) => [r.source_line, r.channel, r.value])).toEqual([[2, 'A', 1], [4, 'B', null]]);
    expect((await rejects(p)).map((r) => [r.source_line, r.reason])).toEqual([[3, 'channel: missing required value']]);
    accounting(p, 'intervals', { read: 3, written: 2, rejected: 1 });
  });

  test('csv.nulls: every listed token is missing', async () => {
    const p = await run(doc(intervals({ interval_start_ts: 'ts', quality_raw: 'q' }), { top: 'csv:\n  nulls: ["", "NULL", "N/A"]\n' }), {
      'i.csv': csv('m,ts,q,v', [`M1,${TS},NULL,1`, `M1,${TS},N/A,2`, `M1,${TS},,3`, `M1,${TS},null,4`, `M1,${TS},X,N/A`]),
    });
    expect((await p.rows('intervals')).map((r) => r.quality_raw)).toEqual([null, null, null, 'null']);
    expect((await rejects(p)).map((r) => [r.source_line, r.reason])).toEqual([[6, 'value: missing required value']]);
    accounting(p, 'intervals', { read: 5, written: 4, rejected: 1 });
  });

  test('leading zeros are kept in string ids and zips', async () => {
    const p = await run(doc(sp('    service_point_id: id\n    zip: zip\n    service_point_number: n\n')), { 's.csv': csv('id,zip,n', ['000123,01234,007', '0,02110,0010']) });
    expect((await p.rows('service_points')).map((r) => [r.service_point_id, r.zip, r.service_point_number])).toEqual([
      ['000123', '01234', '007'],
      ['0', '02110', '0010'],
    ]);
  });
});

describe('CSV reading', () => {
  const cols = '    service_point_id: id\n    city: city\n';
  test('latin-1 encoding', async () => {
    const bytes = Buffer.concat([Buffer.from('id,city\nP1,Montr'), Buffer.from([0xe9]), Buffer.from('al\nP2,Qu'), Buffer.from([0xe9]), Buffer.from('bec\n')]);
    const p = await run(doc(sp(cols, '  csv: { encoding: latin-1 }\n')), { 's.csv': bytes });
    expect((await p.rows('service_points')).map((r) => r.city)).toEqual(['Montréal', 'Québec']);
    accounting(p, 'service_points', { read: 2, written: 2 });
  });

  test('a UTF-8 byte-order mark is skipped (the first column is found)', async () => {
    const p = await run(doc(sp(cols)), { 's.csv': '\uFEFFid,city\nP1,Zürich\n' });
    expect(await p.rows('service_points')).toMatchObject([{ service_point_id: 'P1', city: 'Zürich', source_line: 2 }]);
  });

  test('semicolon delimiter with quoted fields', async () => {
    const p = await run(doc(sp(cols, '  csv: { delimiter: ";" }\n')), { 's.csv': 'id;city\nP1;"Lyon; Rhône"\nP2;Nice\n' });
    expect((await p.rows('service_points')).map((r) => r.city)).toEqual(['Lyon; Rhône', 'Nice']);
  });

  test('header: false with names; line numbers start at 1', async () => {
    const p = await run(doc(sp(cols, '  csv: { header: false, names: [id, city] }\n')), { 's.csv': 'P1,Albany\nP2,Troy\n' });
    expect((await p.rows('service_points')).map((r) => [r.service_point_id, r.city, r.source_line])).toEqual([['P1', 'Albany', 1], ['P2', 'Troy', 2]]);
    accounting(p, 'service_points', { read: 2, written: 2 });
  });

  test('a glob source reads every file, with per-file lineage', async () => {
    const p = await run(doc(intervals({ interval_start_ts: 'ts' }).replace('source: i.csv', 'source: "parts/*.csv"')), {
      'parts/a.csv': csv('m,ts,v', [`M1,${TS},1`, `M1,${TS},x`]),
      'parts/b.csv': csv('m,ts,v', [`M2,${TS},3`, `M2,${TS},4`, `M2,${TS},5`]),
      'other.csv': csv('m,ts,v', [`M9,${TS},9`]),
    });
    const rows = await p.rows('intervals', { orderBy: 'source_file, source_line' });
    expect(rows.map((r) => [r.source_file.replace(/^.*\/parts\//, ''), r.source_line, r.value])).toEqual([
      ['a.csv', 2, 1],
      ['b.csv', 2, 3],
      ['b.csv', 3, 4],
      ['b.csv', 4, 5],
    ]);
    const rej = await rejects(p);
    expect(rej.map((r) => [r.source_file.replace(/^.*\/parts\//, ''), r.source_line, r.reason])).toEqual([['a.csv', 3, 'value: not a valid double']]);
    accounting(p, 'intervals', { read: 5, written: 4, rejected: 1 });
  });
});

import { createHmac } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { csv, stageRun, z, type StageRun } from './util.ts';
import { publishedDir } from '../helpers/published.ts';

const MAPPING = `utility: T
timezone: America/New_York
service_points:
  source: sp.csv
  columns:
    service_point_id: sp
    service_point_number: num
    house_num: house
    street: street
    house_supp: supp
    city: city
    zip: zip
    state: state
meters:
  source: m.csv
  columns:
    meter_id: m
    serial_number: serial
    meter_type: type
    meter_status: status
    meter_category: cat
intervals:
  source: i.csv
  columns:
    service_point_id: sp
    meter_id: m
    interval_start_ts: { from: ts, format: iso8601 }
    duration_seconds: 900
    value: v
    unit: { const: kWh }
`;
const FILES = {
  'sp.csv': csv('sp,num,house,street,supp,city,zip,state', ['SP1,N-1,12,Main St,Apt 4,Saratoga Springs,12866,NY', 'SP2,N-2,7,Elm St,,Albany,12207,NY']),
  // M1 twice (no dedupe): the join takes the last row and never multiplies intervals
  'm.csv': csv('m,serial,type,status,cat', ['M1,S-OLD,AMI,active,residential', 'M2,S-2,AMR,inactive,commercial', 'M1,S-1,AMI,active,residential']),
  'i.csv': csv('sp,m,ts,v', [
    'SP1,M1,2025-03-31T23:45:00-04:00,1', // local March, UTC April
    'SP1,M1,2025-04-01T00:00:00-04:00,2',
    'SP2,M2,2025-03-15T10:00:00-04:00,3',
    'SP9,M1,2025-03-15T10:00:00-04:00,4', // unknown service point
    'SP1,M9,2025-03-31T12:00:00-04:00,5', // unknown meter
    ',M2,2025-03-15T10:15:00-04:00,6', // no service point
  ]),
};

let s: StageRun;
let ext: Record<string, any>[];
let int: Record<string, any>[];
beforeAll(async () => {
  s = await stageRun(MAPPING, FILES);
  ext = await s.rows('product', 'usage_interval', 'source_line');
  int = await s.rows('product', 'usage_interval_internal', 'source_line');
});

describe('usage_interval', () => {
  test('one row per standardized interval, unknown meters and service points kept and flagged', async () => {
    const std = await s.rows('standardized', 'intervals', 'source_line');
    expect(std).toHaveLength(6);
    expect(ext).toHaveLength(std.length);
    expect(int).toHaveLength(std.length);
    expect(int.map((r) => [r.service_point_id, r.meter_id, r.value, r.meter_known, r.service_point_known])).toEqual([
      ['SP1', 'M1', 1, true, true],
      ['SP1', 'M1', 2, true, true],
      ['SP2', 'M2', 3, true, true],
      ['SP9', 'M1', 4, true, false],
      ['SP1', 'M9', 5, false, true],
      [null, 'M2', 6, true, false],
    ]);
    expect(s.result.stages).toEqual([
      { utility: 'T', table: 'usage_interval', rows: 6, notes: { unknown_meter: 1, unknown_service_point: 2 } },
      { utility: 'T', table: 'usage_daily', rows: 4, notes: { intervals_without_service_point: 1 } },
      expect.objectContaining({ utility: 'T', table: 'usage_by_area' }),
    ]);
  });

  test('carries the interval, meter and location attributes', () => {
    expect(int[0]).toMatchObject({
      utility_id: 'T',
      interval_start_ts: z('04-01T03:45'),
      interval_end_ts: z('04-01T04:00'),
      duration_seconds: 900,
      unit: 'kWh',
      serial_number: 'S-1',
      meter_type: 'AMI',
      meter_status: 'active',
      meter_category: 'residential',
      service_point_number: 'N-1',
      city: 'Saratoga Springs',
      state: 'NY',
      source_line: 2,
      month: '2025-03',
    });
    expect(int[2]).toMatchObject({ serial_number: 'S-2', meter_status: 'inactive', meter_category: 'commercial', service_point_number: 'N-2', city: 'Albany' });
    expect(int[3]).toMatchObject({ serial_number: 'S-1', service_point_number: null, street: null, zip: null, city: null });
    expect(int[4]).toMatchObject({ serial_number: null, meter_type: null, service_point_number: 'N-1', street: 'Main St' });
  });

  test('external level masks the address and cuts the zip to 3 characters; internal keeps them', () => {
    const addr = (r: Record<string, any>) => [r.house_num, r.street, r.house_supp, r.zip, r.city, r.state];
    expect(ext.map(addr)).toEqual([
      ['***', '***', '***', '128', 'Saratoga Springs', 'NY'],
      ['***', '***', '***', '128', 'Saratoga Springs', 'NY'],
      ['***', '***', null, '122', 'Albany', 'NY'],
      [null, null, null, null, null, null],
      ['***', '***', '***', '128', 'Saratoga Springs', 'NY'],
      [null, null, null, null, null, null],
    ]);
    expect(int.map(addr)).toEqual([
      ['12', 'Main St', 'Apt 4', '12866', 'Saratoga Springs', 'NY'],
      ['12', 'Main St', 'Apt 4', '12866', 'Saratoga Springs', 'NY'],
      ['7', 'Elm St', null, '12207', 'Albany', 'NY'],
      [null, null, null, null, null, null],
      ['12', 'Main St', 'Apt 4', '12866', 'Saratoga Springs', 'NY'],
      [null, null, null, null, null, null],
    ]);
    const masked = new Set(['house_num', 'street', 'house_supp', 'zip', 'service_point_id', 'service_point_number', 'meter_id', 'serial_number']);
    for (let i = 0; i < ext.length; i++)
      for (const k of Object.keys(int[i])) if (!masked.has(k)) expect(ext[i][k], k).toEqual(int[i][k]);
    // identifiers are keyed pseudonyms at the external level (null stays null)
    const key = process.env.GRIDFLOW_PSEUDONYM_KEY!;
    const hmac = (v: string | null) => (v === null ? null : createHmac('sha256', key).update(v).digest('hex'));
    for (let i = 0; i < ext.length; i++)
      for (const k of ['service_point_id', 'meter_id']) expect(ext[i][k], k).toBe(hmac(int[i][k]));
  });

  test('partitioned by utility and local month of the interval start', () => {
    const months = (layer: string, table: string) => readdirSync(path.join(publishedDir(s.outDir), layer, table, 'utility_id=T')).sort();
    expect(months('product', 'usage_interval')).toEqual(['month=2025-03', 'month=2025-04']);
    // The internal level is a view (no files): its month column is the same local month.
    expect(months('product', 'usage_interval_internal')).toEqual(['view.json']);
    expect(int.map((r) => r.month)).toEqual(ext.map((r) => r.month));
    expect(months('experience', 'usage_daily')).toEqual(['month=2025-03', 'month=2025-04']);
    expect(existsSync(path.join(publishedDir(s.outDir), 'product', 'usage_interval', 'utility_id=T', 'month=2025-03'))).toBe(true);
    expect(ext.map((r) => r.month)).toEqual(['2025-03', '2025-04', '2025-03', '2025-03', '2025-03', '2025-03']);
  });
});

test('without meters and service points mapped: every interval kept, nothing known', async () => {
  const yaml = MAPPING.replace(/service_points:[\s\S]*?intervals:/, 'intervals:');
  const r = await stageRun(yaml, { 'i.csv': FILES['i.csv'] });
  const rows = await r.rows('product', 'usage_interval', 'source_line');
  expect(rows.map((x) => [x.meter_known, x.service_point_known, x.serial_number, x.street])).toEqual(Array(6).fill([false, false, null, null]));
  expect(r.result.stages[0]).toEqual({ utility: 'T', table: 'usage_interval', rows: 6, notes: { unknown_meter: 6, unknown_service_point: 6 } });
});

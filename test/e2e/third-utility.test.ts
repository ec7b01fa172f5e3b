import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { parquetGlob, withDuckDb } from '../helpers/duckdb.ts';

/**
 * A third utility with a layout unlike the other two (semicolon Latin-1 premises, epoch seconds,
 * one file per day, date + hour-ending, Wh, a device moved between premises, retired devices
 * filtered out) is onboarded by test/fixtures/mappings/utility3.yaml alone: no engine change.
 */
const { dir } = tempDir();
const out = path.join(dir, 'out');
const mapping = 'test/fixtures/mappings/utility3.yaml';

describe('a third utility onboarded by YAML only', () => {
  it('validates and runs', async () => {
    expect((await cli('validate', mapping)).code).toBe(0);
    const r = await cli('run', '-q', '--mapping', mapping, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/UTILITY3\s+intervals\s+31\s+29\s+1\s+0\s+1\s+0\s+service_point_id→service_points 2, meter_id→meters 2/);
    expect(r.out).toMatch(/UTILITY3\s+meters\s+4\s+2\s+0\s+1\s+1\s+0/);
  });

  it('reads Latin-1 premises and splits the address line', async () => {
    const rows = await withDuckDb(({ query }) =>
      query(`SELECT service_point_id, house_num, street, zip, installed_at FROM ${parquetGlob(out, 'standardized', 'service_points')} ORDER BY 1`),
    );
    expect(rows).toEqual([
      { service_point_id: 'P-001', house_num: '12', street: 'Rue Montréal', zip: '12901', installed_at: '2019-04-03T04:00:00.000Z' },
      { service_point_id: 'P-002', house_num: '7', street: 'Main St', zip: '02210', installed_at: '2020-11-15T05:00:00.000Z' },
      { service_point_id: 'P-003', house_num: '99', street: 'Côte Ave', zip: '13501', installed_at: '2021-01-01T05:00:00.000Z' },
    ]);
  });

  it('places hour-ending reads on the 23-hour spring-forward day, in kWh, at the premise of the time', async () => {
    const rows = await withDuckDb(({ query }) =>
      query(`SELECT meter_id, service_point_id, interval_start_ts, interval_end_ts, value, quality
             FROM ${parquetGlob(out, 'standardized', 'intervals')} ORDER BY meter_id, interval_start_ts`),
    );
    const d1 = rows.filter((r) => r.meter_id === 'D1');
    expect(d1).toHaveLength(24);
    expect(d1[0]).toMatchObject({ interval_start_ts: '2025-03-09T05:00:00.000Z', value: 1.001, service_point_id: 'P-001' });
    // hour ending 2 is 01:00–02:00 EST; hour ending 3 starts at 03:00 EDT = 07:00Z
    expect(d1[2].interval_start_ts).toBe('2025-03-09T07:00:00.000Z');
    // the 23rd hour of the short day ends at local midnight (04:00Z, EDT)
    expect(d1[22]).toMatchObject({ interval_start_ts: '2025-03-10T03:00:00.000Z', interval_end_ts: '2025-03-10T04:00:00.000Z', value: 1.023 });
    const d2 = rows.filter((r) => r.meter_id === 'D2');
    expect(d2.map((r) => [r.interval_start_ts, r.service_point_id, r.value, r.quality])).toEqual([
      ['2025-03-09T05:00:00.000Z', 'P-002', 0.5, 'estimated'], // before the move on 2025-03-10
      ['2025-03-10T04:00:00.000Z', 'P-003', 0.76, 'actual'], // duplicate key: the last row wins
      ['2025-03-10T06:00:00.000Z', 'P-003', 0.001, 'unknown'], // unknown flag Z → default
    ]);
    // D3 is retired (filtered from meters) and D9 unknown: kept, not linked
    expect(rows.filter((r) => r.service_point_id === null).map((r) => r.meter_id)).toEqual(['D3', 'D9']);
  });

  it('rejects the non-numeric Wh value with its file and line', async () => {
    const rows = await withDuckDb(({ query }) => query(`SELECT source_file, source_line, reason FROM ${parquetGlob(out, 'rejects', 'intervals')}`));
    expect(rows).toEqual([{ source_file: 'test/fixtures/utility3/reads/2025-03-09.csv', source_line: 26, reason: 'value: not a valid double' }]);
  });
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { runPlans } from '../../engine/run/run-plans.ts';
import { tempDir } from '../helpers/tmp.ts';
import { parquetGlob, withDuckDb } from '../helpers/duckdb.ts';
import { accounting, doc, run } from './util.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mappings');

describe('a filter over source columns', () => {
  test('the fixture skips premises whose ACTIVE_FLAG is N, counted as filtered, and maps the flag to status', async () => {
    const { plan, diagnostics } = readMapping(path.join(fixtures, 'filter_source_column.yaml'));
    expect(diagnostics).toEqual([]);
    const outDir = path.join(tempDir().dir, 'out');
    const result = await runPlans([plan!], { outDir, engine: { threads: 2 } });
    // P1 Y, P2 N (filtered), P3 Y, P4 empty: null != 'N' is null, which skips the row (as documented).
    expect(result.accounts.find((a) => a.table === 'service_points')).toMatchObject({ read: 4, written: 2, filtered: 2, rejected: 0 });
    const rows = await withDuckDb(({ query }) =>
      query(`SELECT service_point_id, status FROM ${parquetGlob(outDir, 'standardized', 'service_points')} ORDER BY 1`),
    );
    expect(rows).toEqual([
      { service_point_id: 'P1', status: 'active' },
      { service_point_id: 'P3', status: 'active' },
    ]);
  });

  test('a mapped column name wins over a source column of the same name, and both can be combined', async () => {
    const yaml = doc(`meters:
  source: m.csv
  filter: "meter_id != 'X1' and ACTIVE_FLAG = 'Y'"
  columns:
    meter_id: { from: meter_id, map: { "A": X1, "B": X2, "C": X3 } }
    service_point_id: sp
`);
    const p = await run(yaml, { 'm.csv': 'meter_id,sp,ACTIVE_FLAG\nA,P1,Y\nB,P2,N\nC,P3,Y\n' });
    accounting(p, 'meters', { read: 3, written: 1, filtered: 2 });
    expect((await p.rows('meters')).map((r) => r.meter_id)).toEqual(['X3']);
  });
});

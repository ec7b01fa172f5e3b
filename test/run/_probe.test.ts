import { test } from 'vitest';
import { runPipeline } from '../helpers/pipeline.ts';
import { rejects } from './util.ts';
import { withDuckDb, parquetGlob } from '../helpers/duckdb.ts';
test('probe', async () => {
  const p = await runPipeline(`utility: T
timezone: America/New_York
intervals:
  source: i.csv
  columns:
    meter_id: { from: m, type: bigint }
    interval_start_ts: { from: ts }
    duration_seconds: { from: d, type: double }
    value: { from: v, type: integer }
    unit: { const: kWh }
    channel: { from: c, type: integer }
    quality: { expr: "h & ' ' & s" }
`, { 'i.csv': 'm,ts,d,v,c,h,s\n0042,2025-01-01T00:00:00Z,900.0,2.7,07,,Main\n0043,2025-01-01T00:00:00Z,900,3,x,1,Elm\n' });
  console.log(p.diagnostics, await p.rows('intervals'), await rejects(p), p.account('intervals'));
  console.log(await withDuckDb(({query}) => query(`DESCRIBE SELECT * FROM ${parquetGlob(p.outDir,'standardized','intervals')}`)));
});

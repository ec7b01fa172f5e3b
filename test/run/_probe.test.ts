import { test } from 'vitest';
import { runPipeline } from '../helpers/pipeline.ts';
test('probe', async () => {
  const p = await runPipeline(`utility: T
timezone: America/New_York
intervals:
  source: i.csv
  columns:
    meter_id: m
    interval_start_ts: { from: ts, format: "%Y-%m-%d %H:%M" }
    duration_seconds: 900
    value: v
    unit: { const: kWh }
`, { 'i.csv': 'm,ts,v\n1,2025-03-09 01:45,1\n1,2025-03-09 02:30,2\n1,2025-11-02 01:30,3\n' });
  console.log(p.diagnostics, await p.rows('intervals'), await p.rows('intervals', { layer: 'rejects' }), p.account('intervals'));
});

import { test } from 'vitest';
import { runPipeline } from '../helpers/pipeline.ts';
test('probe', async () => {
  try {
  const p = await runPipeline(`utility: T
timezone: America/New_York
intervals:
  source: i.csv
  columns:
    meter_id: m
    interval_start_ts: ts
    duration_seconds: 900
    value: v
    unit: { from: c, match: [{ pattern: "^KWH(?= )", value: kWh }] }
`, { 'i.csv': 'm,ts,v,c\n1,2025-03-09T01:45:00Z,1,KWH x\n' });
  console.log(p.diagnostics, await p.rows('intervals'));
  } catch (e) { console.log('THROWN', String(e).slice(0, 400)); }
});

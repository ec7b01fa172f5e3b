import { test } from 'vitest';
import { runPipeline } from '../helpers/pipeline.ts';
import { rejects } from './util.ts';
test('probe', async () => {
  const p = await runPipeline(`utility: T
timezone: America/New_York
intervals:
  source: i.csv
  columns:
    meter_id: m
    interval_start_ts: { from: ts, format: "%m/%d/%Y %H:%M", nonexistent: shift_forward, ambiguous: later }
    duration_seconds: 900
    value: v
    unit: { const: kWh }
`, { 'i.csv': 'm,ts,v\n1,3/9/2025 2:00,1\n1,03/09/2025 02:30,2\n1,11/2/2025 1:30,3\n1,11/2/2025 2:00,3\n1,7/4/2025 9:05,4\n1,1/1/2025 00:00,4\n' });
  console.log(p.diagnostics, (await p.rows('intervals')).map(r => [r.source_line, r.interval_start_ts]), await rejects(p), p.account('intervals'));
});

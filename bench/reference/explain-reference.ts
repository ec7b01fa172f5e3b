import { rmSync } from 'node:fs';
import path from 'node:path';
import { hmacPads, readPseudonymKey } from '../../engine/util/pseudonym-key.ts';
import { benchData } from '../bench-data.ts';
import { runReferenceProcess } from './reference-process.ts';

/**
 * EXPLAIN ANALYZE of the reference pipeline's statements (each statement still runs, so later ones
 * see its tables): the slowest statements with their costliest operators.
 *
 *   node bin/run-ts.js bench/reference/explain-reference.ts --rows 10000000 [--memory-limit 700MB] [--top 4]
 */
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rows = Number(arg('--rows', '1000000'));
const top = Number(arg('--top', '4'));
const data = await benchData(rows);
const key = readPseudonymKey(undefined);
if (!key) throw new Error('needs GRIDFLOW_PSEUDONYM_KEY');
const out = path.join(data.dir, 'out-reference-explain');
const run = runReferenceProcess({
  dataDir: data.dir,
  out,
  memoryLimit: arg('--memory-limit', '700MB'),
  pads: hmacPads(key),
  now: new Date('2025-03-01T00:00:00Z').toISOString(),
  explain: true,
});
const slowest = [...run.steps].sort((a, b) => b.seconds - a.seconds).slice(0, top);
for (const s of slowest) {
  console.log(`${s.stage}/${s.name}: ${s.seconds.toFixed(2)} s wall, peak RSS ${s.peakRssMB.toFixed(0)} MB`);
  for (const o of (s.operators ?? []).slice(0, 4)) {
    const rows = o.rows.toLocaleString('en-US');
    console.log(`  ${o.operator.padEnd(22)} ${o.seconds.toFixed(2).padStart(7)} s  ${rows} rows`);
  }
}
console.log(`total ${run.seconds.toFixed(1)} s under EXPLAIN ANALYZE, peak RSS ${run.peakRssMB.toFixed(0)} MB`);
rmSync(out, { recursive: true, force: true });

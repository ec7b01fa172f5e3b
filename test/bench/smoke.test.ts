import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBench, runBench } from '../../bench/bench.ts';
import { tempDir } from '../helpers/tmp.ts';

/** The benchmark's smoke mode (100k rows) runs in CI so the harness never rots. No timing is asserted. */
describe('benchmark harness, smoke mode', () => {
  it('generates, runs the whole pipeline and reports every stage and the floor', async () => {
    const { dir } = tempDir();
    const r = await runBench({ rows: 100_000, memoryLimit: '700MB', out: path.join(dir, 'out'), quiet: true });
    expect(r.stages.map((s) => s.stage)).toEqual(['standardize', 'dq', 'product', 'experience', 'write']);
    for (const s of r.stages) expect(s.seconds, s.stage).toBeGreaterThan(0);
    expect(r.floorSeconds).toBeGreaterThan(0);
    expect(r.ratio).toBeCloseTo(r.pipelineSeconds / r.floorSeconds, 6);
    expect(r.peakRssMB).toBeGreaterThan(0);
    const intervals = r.accounting.filter((a) => a.table === 'intervals');
    expect(intervals.map((a) => a.read)).toEqual([50_000, 50_000]);
    expect(formatBench(r)).toMatch(/ratio pipeline \/ floor: [\d.]+×/);
  });
});

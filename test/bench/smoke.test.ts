import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBench, runBench } from '../../bench/bench.ts';
import { COMPARED_TABLES, countMismatches } from '../../bench/output-figures.ts';
import { tempDir } from '../helpers/tmp.ts';
import { loadModelTable } from '../../engine/model/common-model.ts';

/** The benchmark's smoke mode (100k rows) runs in CI so the harness never rots. No timing is asserted. */
describe('benchmark harness, smoke mode', () => {
  it('generates, runs the whole pipeline and reports every stage, the values written and the floor', async () => {
    const { dir } = tempDir();
    const out = path.join(dir, 'out');
    const r = await runBench({ rows: 100_000, memoryLimit: '700MB', out, quiet: true, reference: false });
    expect(r.reference).toBeUndefined();
    expect(r.stages.map((s) => s.stage)).toEqual(['standardize', 'dq', 'product', 'experience', 'write']);
    for (const s of r.stages) expect(s.seconds, s.stage).toBeGreaterThan(0);
    expect(r.floorSeconds).toBeGreaterThan(0);
    expect(r.ratio).toBeCloseTo(r.pipelineSeconds / r.floorSeconds, 6);
    expect(r.peakRssMB).toBeGreaterThan(0);
    const intervals = r.accounting.filter((a) => a.table === 'intervals');
    expect(intervals.map((a) => a.read)).toEqual([50_000, 50_000]);
    expect(formatBench(r)).toMatch(/ratio pipeline \/ floor: [\d.]+×/);
    // Values written come from the output set's Parquet footers: every stage that writes files has some
    // (the Product's model columns less utility_id, a partition folder like the added month).
    for (const stage of ['product', 'experience', 'write'])
      expect(r.stages.find((s) => s.stage === stage)!.valuesWritten, stage).toBeGreaterThan(0);
    const usage = r.outputs.filter((t) => t.table === 'product/usage_interval');
    const stored = loadModelTable('usage_interval').columns.length - 1;
    expect(usage.map((t) => t.values)).toEqual(usage.map((t) => t.rows * stored));
  }, 240_000);

  it('runs the hand-written reference on the same files with the same row counts per published table', async () => {
    const { dir } = tempDir();
    const r = await runBench({ rows: 100_000, memoryLimit: '700MB', out: path.join(dir, 'out'), quiet: true });
    const ref = r.reference!;
    expect(ref.mismatches).toEqual([]);
    const tables = (ts: typeof ref.outputs) =>
      ts.filter((t) => COMPARED_TABLES.includes(t.table)).map((t) => [t.table, t.utility, t.rows]);
    expect(tables(ref.outputs)).toEqual(tables(r.outputs));
    expect(tables(ref.outputs)).toHaveLength(COMPARED_TABLES.length * 2);
    expect(ref.stages.map((s) => s.stage)).toEqual(['standardize', 'dq', 'product', 'experience', 'write']);
    expect(ref.peakRssMB).toBeGreaterThan(0);
    expect(r.ratioReference).toBeCloseTo(r.pipelineSeconds / ref.seconds, 6);
    const ratios = /ratio pipeline \/ reference: [\d.]+× \(reference \/ floor: [\d.]+×\)\nrow counts: equal/;
    expect(formatBench(r)).toMatch(ratios);
  }, 240_000);

  it('finds a published table whose row count differs, and names it', () => {
    const t = (table: string, rows: number) => ({ table, utility: 'UTILITY1', files: 1, rows, values: rows * 3 });
    const gridflow = [t('standardized/meters', 10), t('product/usage_interval', 5)];
    expect(countMismatches(gridflow, [t('standardized/meters', 10)])).toEqual([
      'product/usage_interval (UTILITY1): gridflow 5 rows, reference 0',
    ]);
  });
});

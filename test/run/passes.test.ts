import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { bucketPasses, sizeInMB } from '../../engine/run/passes.ts';
import { runPlans } from '../../engine/run/run-plans.ts';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { tempDir } from '../helpers/tmp.ts';
import { parquetGlob, withDuckDb } from '../helpers/duckdb.ts';
import { pseudonymOf } from '../../engine/util/pseudonym-of.ts';
import { publishedDir } from '../helpers/published.ts';

describe('Experience aggregate in passes', () => {
  test('sizes and pass counts', () => {
    expect(sizeInMB('700MB')).toBe(700);
    expect(sizeInMB('1GB')).toBe(1000);
    expect(sizeInMB('1.5 GiB')).toBe(1500);
    expect(sizeInMB('2000KB')).toBe(2);
    expect(sizeInMB('lots')).toBeUndefined();
    expect(bucketPasses(200_000, '700MB')).toBe(1);
    expect(bucketPasses(6_000_000, '700MB')).toBe(29);
    expect(bucketPasses(6_000_000, undefined)).toBe(1);
  });

  test('three passes publish the same usage_daily rows, in service point order within each pass', async () => {
    const { dir } = tempDir();
    const { plan } = readMapping('mappings/utility1.yaml');
    const run = (out: string, bucketPasses?: number) =>
      runPlans([plan!], { outDir: path.join(dir, out), runDate: new Date('2025-03-01T00:00:00Z'), bucketPasses });
    const one = await run('one');
    const three = await run('three', 3);
    expect(three.timings.filter((t) => t.step.includes('pass ')).map((t) => t.step)).toEqual([1, 2, 3].map((k) => `experience: usage_daily per service point (pass ${k} of 3)`));
    expect(three.stages).toEqual(one.stages);
    await withDuckDb(async ({ query }) => {
      const rows = (out: string) => query(`SELECT * EXCLUDE (month) FROM ${parquetGlob(path.join(dir, out), 'experience', 'usage_daily')} ORDER BY service_point_id, bucket_start, unit, direction`);
      const [a, b] = [await rows('one'), await rows('three')];
      expect(a.length).toBeGreaterThan(100);
      expect(b).toEqual(a);
      const glob = `${publishedDir(path.join(dir, 'three'))}/experience/usage_daily/**/*.parquet`;
      const order = await query(
        `SELECT filename, service_point_id, lag(service_point_id) OVER (PARTITION BY filename ORDER BY file_row_number) AS prev FROM read_parquet('${glob}', filename = true, file_row_number = true)`,
      );
      const files = new Set(order.map((r) => r.filename));
      expect(files.size).toBeGreaterThan(0);
      // usage_daily publishes pseudonyms: the raw ids (internal Product) give the order the passes sorted by.
      const key = Buffer.from(process.env.GRIDFLOW_PSEUDONYM_KEY!, 'utf8');
      const ids = await query(`SELECT DISTINCT service_point_id AS id FROM ${parquetGlob(path.join(dir, 'three'), 'product', 'usage_interval_internal')}`);
      const raw = new Map(ids.filter((r) => r.id !== null).map((r) => [pseudonymOf(key, r.id), r.id as string]));
      const down = (r: Record<string, any>) => r.prev !== null && raw.get(r.service_point_id)! < raw.get(r.prev)!;
      // Sorted within each pass: in each file the service point id goes down at most twice (at the pass boundaries).
      for (const f of files) expect(order.filter((r) => r.filename === f && down(r)).length).toBeLessThanOrEqual(2);
    });
  });
});

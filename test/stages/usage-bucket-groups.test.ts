import { describe, expect, test } from 'vitest';
import { usageBucketGroupsSql, usagePerTsTable } from '../../engine/stages/usage-bucket-sql.ts';
import { duckdbDialect } from '../../engine/sql/duckdb-dialect.ts';
import { sparkDialect } from '../../engine/sql/spark-dialect.ts';
import { withDuckDb } from '../helpers/duckdb.ts';

describe('the estimate of the bucket aggregate groups (its passes)', () => {
  // DuckDB's HyperLogLog is coarse: on these rows the hash gives 615,754 and the text it replaced 575,059.
  test('counts (service point, bucket start) by their hash, near the exact count', async () => {
    await withDuckDb(async ({ engine, query }) => {
      // 2,000 service points × 250 buckets, each bucket with 4 reads: 500,000 groups.
      await engine.run(`CREATE TEMP TABLE "${usagePerTsTable}" AS
SELECT 'SP' || (range % 2000) AS service_point_id,
  TIMESTAMPTZ '2025-01-01 05:00:00+00' + INTERVAL (range // 8000) DAY AS bucket_start
FROM range(2000000)`);
      const [{ n }] = await query(usageBucketGroupsSql(duckdbDialect));
      expect(Math.abs(n / 500_000 - 1)).toBeLessThan(0.3);
    });
  });

  test('several columns are hashed in each dialect (no text built per row)', () => {
    expect(duckdbDialect.approxCountDistinct(['a', 'b'])).toBe('approx_count_distinct(hash(a, b))');
    expect(sparkDialect.approxCountDistinct(['a', 'b'])).toBe('approx_count_distinct(xxhash64(a, b))');
    expect(sparkDialect.approxCountDistinct(['a'])).toBe('approx_count_distinct(a)');
  });
});

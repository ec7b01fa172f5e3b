import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeParts } from '../../engine/run/write-parts.ts';
import { parquetWrite, partWrite, type ParquetTarget } from '../../engine/sql/parquet-write.ts';
import { sparkDialect } from '../../engine/sql/spark-dialect.ts';
import { duckdbDialect } from '../../engine/sql/duckdb-dialect.ts';
import { withDuckDb } from '../helpers/duckdb.ts';
import { tempDir } from '../helpers/tmp.ts';

const months = (n: number, withNull = false) => {
  const values = Array.from({ length: n }, (_, i) => `('U1', '2025-${String(i + 1).padStart(2, '0')}', ${i})`);
  if (withNull) values.push(`('U1', NULL, 99)`);
  return `CREATE OR REPLACE TEMP TABLE t AS SELECT * FROM (VALUES ${values.join(', ')}) v(utility_id, month, x)`;
};
const split = { column: 'month', values: 'SELECT DISTINCT month AS v FROM t', most: 3 };
const target = (dir: string): ParquetTarget => ({
  layer: 'product',
  table: 't',
  select: 'SELECT utility_id, month, x FROM t',
  dir,
  partitionBy: ['utility_id', 'month'],
  known: { utility_id: 'U1' },
});

describe('writes split by a partition value', () => {
  test('few values: one plain file per value, the same files and rows as the partitioned write', async () => {
    const { dir } = tempDir('gridflow-parts-');
    await withDuckDb(async ({ engine, query }) => {
      await engine.run(months(2));
      const w = parquetWrite(duckdbDialect, target(path.join(dir, 'parts')), split);
      const parts = await writeParts(engine, w);
      expect(parts).toHaveLength(2);
      for (const p of parts) {
        expect(p.sql).toContain('WRITE_EMPTY_FILE false');
        mkdirSync(p.folder!, { recursive: true });
        await engine.run(p.sql);
      }
      const whole = parquetWrite(duckdbDialect, target(path.join(dir, 'whole')));
      mkdirSync(whole.folder!, { recursive: true });
      await engine.run(whole.sql);
      const list = (d: string) => readdirSync(d, { recursive: true }).map(String).sort();
      expect(list(path.join(dir, 'parts'))).toEqual(list(path.join(dir, 'whole')));
      const read = (d: string) =>
        query(`SELECT * FROM read_parquet('${dir}/${d}/**/*.parquet', hive_partitioning = true) ORDER BY x`);
      expect(await read('parts')).toEqual(await read('whole'));
    });
  });

  test('too many values, a NULL value, no rows, or no split: the write as it is', async () => {
    const { dir } = tempDir('gridflow-parts-');
    await withDuckDb(async ({ engine }) => {
      const w = parquetWrite(duckdbDialect, target(dir), split);
      await engine.run(months(4));
      expect(await writeParts(engine, w)).toEqual([w]);
      await engine.run(months(1, true));
      expect(await writeParts(engine, w)).toEqual([w]);
      await engine.run(`${months(1)} WHERE false`);
      expect(await writeParts(engine, w)).toEqual([w]);
      const unsplit = parquetWrite(duckdbDialect, target(dir));
      expect(await writeParts(engine, unsplit)).toEqual([unsplit]);
    });
  });

  test('a dialect that partitions as it writes has no parts', () => {
    expect(partWrite(sparkDialect, target('/out/t'), 'month', '2025-01')).toBeUndefined();
    const part = partWrite(duckdbDialect, target('/out/t'), 'month', '2025-01');
    expect(part?.folder).toBe('/out/t/utility_id=U1/month=2025-01');
  });
});

import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { duckdbParquetWrite } from '../../engine/sql/duckdb-parquet-write.ts';
import { withDuckDb } from '../helpers/duckdb.ts';
import { tempDir } from '../helpers/tmp.ts';

const values = `('U1', '2025-01', 1), ('U1', '2025-02', 2), ('U1', '2025-02', 3)`;
const rows = `SELECT * FROM (VALUES ${values}) t(utility_id, month, v)`;

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('DuckDB Parquet writes', () => {
  test('no known partition: one PARTITION_BY over all of them, no folder to make', () => {
    const w = duckdbParquetWrite(rows, '/out/t', ['utility_id', 'month']);
    expect(w.folder).toBeUndefined();
    expect(w.sql).toContain(`PARTITION_BY ("utility_id", "month")`);
  });

  test('known leading partitions become the folder; a value that would need escaping does not', () => {
    expect(duckdbParquetWrite(rows, '/out/t', ['utility_id'], { utility_id: 'U1' })).toEqual({
      folder: '/out/t/utility_id=U1',
      sql: `COPY (SELECT * EXCLUDE ("utility_id") FROM (${rows})) TO '/out/t/utility_id=U1/data_0.parquet' ` +
        '(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, WRITE_EMPTY_FILE false)',
    });
    const some = duckdbParquetWrite(rows, '/out/t', ['utility_id', 'month'], { utility_id: 'U1' });
    expect(some.folder).toBe('/out/t/utility_id=U1');
    expect(some.sql).toContain(`TO '/out/t/utility_id=U1' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, `);
    expect(some.sql).toContain(`PARTITION_BY ("month")`);
    // Only a prefix of the partitions can be a folder: a known later one alone is partitioned by.
    expect(duckdbParquetWrite(rows, '/out/t', ['utility_id', 'month'], { month: '2025-01' }).folder).toBeUndefined();
    expect(duckdbParquetWrite(rows, '/out/t', ['utility_id'], { utility_id: 'a/b' }).folder).toBeUndefined();
  });

  test('the folder form writes the files and rows PARTITION_BY writes, and no file for no rows', async () => {
    const { dir } = tempDir('gridflow-pq-');
    await withDuckDb(async ({ engine, query }) => {
      const plain = path.join(dir, 'plain');
      const folderForm = path.join(dir, 'folder');
      await engine.run(duckdbParquetWrite(rows, plain, ['utility_id', 'month']).sql);
      const w = duckdbParquetWrite(rows, folderForm, ['utility_id', 'month'], { utility_id: 'U1' });
      mkdirSync(w.folder!, { recursive: true });
      await engine.run(w.sql);
      expect(files(folderForm)).toEqual(files(plain));
      const read = (d: string) =>
        query(`SELECT * FROM read_parquet('${d}/**/*.parquet', hive_partitioning = true) ORDER BY v`);
      expect(await read(folderForm)).toEqual(await read(plain));
      expect(await read(folderForm)).toHaveLength(3);
      const empty = path.join(dir, 'empty');
      const none = duckdbParquetWrite(`${rows} WHERE false`, empty, ['utility_id'], { utility_id: 'U1' });
      mkdirSync(none.folder!, { recursive: true });
      await engine.run(none.sql);
      expect(existsSync(path.join(none.folder!, 'data_0.parquet'))).toBe(false);
    });
  });
});

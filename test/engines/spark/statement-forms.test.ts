import { describe, expect, it } from 'vitest';
import { sparkRequests } from '../../../engine/engines/spark/statement-forms.ts';

describe('statement forms sent to the Spark runner', () => {
  it('keeps working tables as named queries', () => {
    expect(sparkRequests('CREATE OR REPLACE TEMP TABLE `gf_std_x` AS\nSELECT 1 AS a')).toEqual([{ op: 'table', name: 'gf_std_x', sql: 'SELECT 1 AS a' }]);
    expect(sparkRequests('INSERT INTO "gf_rej_x" SELECT a FROM t ORDER BY a LIMIT 5')).toEqual([
      {
        op: 'insert',
        name: 'gf_rej_x',
        sql: 'SELECT * FROM "gf_rej_x" UNION ALL SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 5)',
        rows: 'SELECT a FROM t ORDER BY a LIMIT 5',
      },
    ]);
    expect(sparkRequests('DELETE FROM `t` WHERE NOT f')).toEqual([{ op: 'table', name: 't', sql: 'SELECT * FROM `t` WHERE NOT coalesce((NOT f), false)' }]);
    expect(sparkRequests('DELETE FROM gf_dq_failures')).toEqual([{ op: 'table', name: 'gf_dq_failures', sql: 'SELECT * FROM gf_dq_failures WHERE false' }]);
    expect(sparkRequests('DROP TABLE IF EXISTS "a"; DROP VIEW IF EXISTS `b`')).toEqual([
      { op: 'drop', name: 'a' },
      { op: 'drop', name: 'b' },
    ]);
  });

  it('creates an empty table from a column list once, as a view (no Spark job)', () => {
    expect(sparkRequests('CREATE TEMP TABLE IF NOT EXISTS q (utility_id VARCHAR, "table" VARCHAR, source_line BIGINT)')).toEqual([
      {
        op: 'view',
        name: 'q',
        ifNotExists: true,
        sql:
          'SELECT CAST(NULL AS STRING) AS utility_id, CAST(NULL AS STRING) AS "table", ' +
          'CAST(NULL AS BIGINT) AS source_line WHERE false',
      },
    ]);
  });

  it('writes Parquet as a DataFrame write, and passes Spark SQL through', () => {
    expect(sparkRequests("COPY (SELECT * FROM t) TO '/out/it''s' (FORMAT parquet, PARTITION_BY (`utility_id`, `month`))")).toEqual([
      { op: 'write', sql: 'SELECT * FROM t', dir: "/out/it's", partitionBy: ['utility_id', 'month'] },
    ]);
    expect(sparkRequests('SET root=/x')).toEqual([{ op: 'sql', sql: 'SET root=/x' }]);
  });

  it('keeps empty tables and temp views as views, computed where they are read', () => {
    expect(sparkRequests('CREATE OR REPLACE TEMP TABLE "s" (line BIGINT, k BIGINT)')).toEqual([
      { op: 'view', name: 's', sql: 'SELECT CAST(NULL AS BIGINT) AS line, CAST(NULL AS BIGINT) AS k WHERE false' },
    ]);
    const view = sparkRequests('CREATE OR REPLACE TEMP VIEW `v` AS\nSELECT 1');
    expect(view).toEqual([{ op: 'view', name: 'v', sql: 'SELECT 1' }]);
  });

  it('splits several statements', () => {
    const text = 'INSERT INTO r SELECT 1;\nDELETE FROM s WHERE NOT k';
    expect(sparkRequests(text).map((r) => r.op)).toEqual(['insert', 'table']);
  });
});

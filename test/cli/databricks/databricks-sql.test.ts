import { describe, expect, it } from 'vitest';
import { createdObjects, databricksSql } from '../../../engine/cli/databricks/databricks-sql.ts';

describe('a local Spark statement as Databricks SQL in a job', () => {
  it('makes working tables and views schema objects', () => {
    const sql = [
      'CREATE OR REPLACE TEMP TABLE `a` AS SELECT 1',
      'CREATE TEMP TABLE IF NOT EXISTS `b` (x BIGINT)',
      'CREATE OR REPLACE TEMP VIEW `v` AS SELECT 2',
    ].join(';\n');
    expect(databricksSql(sql)).toBe(
      [
        'CREATE OR REPLACE TABLE `a` AS SELECT 1',
        'CREATE TABLE IF NOT EXISTS `b` (x BIGINT)',
        'CREATE OR REPLACE VIEW `v` AS SELECT 2',
      ].join(';\n'),
    );
    expect(createdObjects(databricksSql(sql))).toEqual([
      { name: '`a`', view: false },
      { name: '`b`', view: false },
      { name: '`v`', view: true },
    ]);
  });

  it('turns "quoted" identifiers into backticks and VARCHAR into STRING, outside string literals only', () => {
    const literal = `'a "b" VARCHAR \\' "c"'`;
    const sql = `SELECT ${literal} AS "table", CAST(x AS VARCHAR), \`"q"\` FROM t WHERE r RLIKE '"[^"]*"'`;
    const expected = `SELECT ${literal} AS \`table\`, CAST(x AS STRING), \`"q"\` FROM t WHERE r RLIKE '"[^"]*"'`;
    expect(databricksSql(sql)).toBe(expected);
  });
});

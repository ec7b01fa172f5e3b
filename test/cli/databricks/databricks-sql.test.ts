import { describe, expect, it } from 'vitest';
import { createdObjects, databricksSql } from '../../../engine/cli/databricks/databricks-sql.ts';

describe('a local Spark statement as Databricks SQL in a job', () => {
  it('makes working tables and views schema objects', () => {
    const sql = 'CREATE OR REPLACE TEMP TABLE `a` AS SELECT 1;\nCREATE TEMP TABLE IF NOT EXISTS `b` (x BIGINT);\nCREATE OR REPLACE TEMP VIEW `v` AS SELECT 2';
    expect(databricksSql(sql)).toBe('CREATE OR REPLACE TABLE `a` AS SELECT 1;\nCREATE TABLE IF NOT EXISTS `b` (x BIGINT);\nCREATE OR REPLACE VIEW `v` AS SELECT 2');
    expect(createdObjects(databricksSql(sql))).toEqual([
      { name: '`a`', view: false },
      { name: '`b`', view: false },
      { name: '`v`', view: true },
    ]);
  });

  it('turns "quoted" identifiers into backticks and VARCHAR into STRING, outside string literals only', () => {
    const sql = `SELECT 'a "b" VARCHAR \\' "c"' AS "table", CAST(x AS VARCHAR), \`"q"\` FROM t WHERE r RLIKE '"[^"]*"'`;
    expect(databricksSql(sql)).toBe(`SELECT 'a "b" VARCHAR \\' "c"' AS \`table\`, CAST(x AS STRING), \`"q"\` FROM t WHERE r RLIKE '"[^"]*"'`);
  });
});

import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { openEngine } from '../../engine/engines/open-engine.ts';
import { internalProductDir, internalProductView } from '../../engine/stages/usage-interval-view-sql.ts';
import { sparkDialect } from '../../engine/sql/spark-dialect.ts';
import { withDuckDb } from '../helpers/duckdb.ts';
import { sparkOptions } from './spark-setup.ts';

/**
 * The internal Product is a view, not files: each engine's published set carries its definition per
 * dialect. This runs the DuckDB file on DuckDB over DuckDB's set (relative paths: the set folder is
 * the `file_search_path`) and the Spark file on Spark over Spark's set (`SET root=…`, as the file
 * says), and writes each view's rows as Parquet under `<to>/<engine>/current/product/…`, so the
 * differential suite compares them like any published table.
 */
export async function writeInternalViews(duckOut: string, sparkOut: string, to: string): Promise<boolean> {
  const [duckSet, sparkSet] = [duckOut, sparkOut].map((o) => realpathSync(path.join(o, 'current')));
  const file = (set: string, dialect: string) => path.join(set, internalProductDir, `view.${dialect}.sql`);
  if (!existsSync(file(duckSet, 'duckdb')) && !existsSync(file(sparkSet, 'spark'))) return false;
  const target = (engine: string) => path.join(to, engine, 'current', internalProductDir);
  for (const engine of ['duckdb', 'spark']) mkdirSync(path.dirname(target(engine)), { recursive: true });
  const statements = (f: string) =>
    readFileSync(f, 'utf8')
      .split(/;\n/)
      .map((s) => s.replace(/^(--.*\n)+/, '').trim())
      .filter(Boolean);
  await withDuckDb(async ({ engine }) => {
    await engine.run(`SET file_search_path = '${duckSet}'`);
    for (const s of statements(file(duckSet, 'duckdb'))) await engine.run(s);
    const dir = target('duckdb').replace(/'/g, "''");
    const copy = `COPY (SELECT * FROM ${internalProductView}) TO '${dir}'`;
    await engine.run(`${copy} (FORMAT parquet, PARTITION_BY (utility_id, month))`);
  });
  const spark = await openEngine('spark', sparkOptions);
  try {
    await spark.run(`SET root=${sparkSet}`);
    for (const s of statements(file(sparkSet, 'spark'))) await spark.run(s);
    const select = `SELECT * FROM ${internalProductView}`;
    await spark.run(sparkDialect.writeParquet(select, target('spark'), ['utility_id', 'month']));
  } finally {
    spark.close();
  }
  return true;
}

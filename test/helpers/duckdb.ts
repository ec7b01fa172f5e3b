import { openDuckDb } from '../../engine/engines/duckdb-engine.ts';
import type { Engine } from '../../engine/engines/engine.ts';
import { publishedDir } from './published.ts';
import { internalProductSql } from '../../engine/run/view-definitions.ts';
import { internalProductView } from '../../engine/stages/usage-interval-view-sql.ts';

/** Runs queries on a fresh in-memory DuckDB (UTC session) and returns plain JSON-safe rows. */
export async function withDuckDb<T>(fn: (db: { query: (sql: string) => Promise<Record<string, any>[]>; engine: Engine }) => Promise<T>): Promise<T> {
  const engine = await openDuckDb({ threads: 2 });
  try {
    const query = async (sql: string) =>
      (await engine.query(sql)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
    return await fn({ query, engine });
  } finally {
    engine.close();
  }
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return v;
}

/** Internal outputs live under `internal/` of a set (the rejects' raw records, quarantined rows). */
const INTERNAL_LAYERS = ['rejects', 'quarantine'];

/**
 * Read a published table (Hive-partitioned Parquet) of the current output set as rows; `rejects` and
 * `quarantine` are read under `internal/`.
 */
export function parquetGlob(outDir: string, layer: string, table: string): string {
  if (table === internalProductView) return internalProductScan(outDir);
  const dir = INTERNAL_LAYERS.includes(layer) ? `internal/${layer}` : layer;
  return `read_parquet('${publishedDir(outDir)}/${dir}/${table}/**/*.parquet', hive_partitioning = true)`;
}

/** The internal Product of the current set: not files but its view (a subquery over the published tables). */
export function internalProductScan(outDir: string): string {
  const sql = internalProductSql(publishedDir(outDir));
  if (!sql) throw new Error(`no internal Product in ${outDir}`);
  return `(${sql})`;
}

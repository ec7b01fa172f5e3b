import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { withDuckDb } from '../helpers/duckdb.ts';

/** One published table of two output folders that differ: its columns, or rows only one side has. */
export interface TableDifference {
  table: string;
  columns?: { a: string[]; b: string[] };
  onlyInA: number;
  onlyInB: number;
  sample: Record<string, unknown>[];
}

/**
 * The table folders of the current output set of an output folder, relative to the set (`current/`):
 * every folder holding `utility_id=…` partitions, at any depth (`standardized/meters`,
 * `internal/rejects/intervals`, `dq/failures`).
 */
export function publishedTables(outDir: string): string[] {
  const tables: string[] = [];
  const set = path.join(outDir, 'current');
  const visit = (rel: string) => {
    const entries = readdirSync(path.join(set, rel), { withFileTypes: true }).filter((e) => e.isDirectory());
    if (entries.some((e) => e.name.startsWith('utility_id='))) {
      if (hasParquet(path.join(set, rel))) tables.push(rel);
      return;
    }
    for (const e of entries) if (!e.name.startsWith('_') && !e.name.startsWith('.')) visit(path.join(rel, e.name));
  };
  visit('');
  return tables.sort();
}

function hasParquet(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? hasParquet(path.join(dir, e.name)) : e.name.endsWith('.parquet')));
}

/**
 * Compares every published table of two output folders order-insensitively, through DuckDB over the
 * Parquet files: the same columns with the same Parquet types, and the same multiset of rows
 * (EXCEPT ALL both ways: strings, integers, booleans, µs instants, decimals and doubles all exact).
 */
export async function compareOutputs(a: string, b: string): Promise<{ tables: string[]; differences: TableDifference[] }> {
  const tables = [...new Set([...publishedTables(a), ...publishedTables(b)])].sort();
  const differences: TableDifference[] = [];
  await withDuckDb(async ({ query }) => {
    for (const table of tables) {
      const [pa, pb] = [a, b].map((o) => path.join(o, 'current', table));
      if (!existsSync(pa) || !existsSync(pb) || !hasParquet(pa) || !hasParquet(pb)) {
        differences.push({ table, onlyInA: hasParquetSafe(pa) ? -1 : 0, onlyInB: hasParquetSafe(pb) ? -1 : 0, sample: [] });
        continue;
      }
      const scan = (p: string) => `read_parquet('${p}/**/*.parquet', hive_partitioning = true, union_by_name = true)`;
      // Spark's Parquet writer has no JSON annotation: a JSON column compares as the text it holds.
      const type = (t: string) => (t === 'JSON' ? 'VARCHAR' : t);
      const cols = async (p: string) => (await query(`DESCRIBE SELECT * FROM ${scan(p)}`)).map((r) => `${r.column_name} ${type(r.column_type)}`).sort();
      const [ca, cb] = [await cols(pa), await cols(pb)];
      if (ca.join() !== cb.join()) {
        differences.push({ table, columns: { a: ca, b: cb }, onlyInA: 0, onlyInB: 0, sample: [] });
        continue;
      }
      const names = ca.map((c) => `CAST("${c.split(' ')[0]}" AS ${c.slice(c.indexOf(' ') + 1)})`).join(', ');
      const minus = (x: string, y: string) => `SELECT ${names} FROM ${scan(x)} EXCEPT ALL SELECT ${names} FROM ${scan(y)}`;
      const [[na], [nb]] = [await query(`SELECT count(*) AS n FROM (${minus(pa, pb)})`), await query(`SELECT count(*) AS n FROM (${minus(pb, pa)})`)];
      if (na.n || nb.n) {
        const sample = [
          ...(await query(`SELECT 'a' AS side, * FROM (${minus(pa, pb)}) LIMIT 3`)),
          ...(await query(`SELECT 'b' AS side, * FROM (${minus(pb, pa)}) LIMIT 3`)),
        ];
        differences.push({ table, onlyInA: na.n, onlyInB: nb.n, sample });
      }
    }
  });
  return { tables, differences };
}

function hasParquetSafe(dir: string): boolean {
  return existsSync(dir) && hasParquet(dir);
}

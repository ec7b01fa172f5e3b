import { existsSync } from 'node:fs';
import path from 'node:path';
import { openDuckDb } from '../engine/engines/duckdb-engine.ts';

/**
 * What an output folder holds, from its Parquet footers (no data is read): per published table
 * (its folder, e.g. `product/usage_interval`) and utility, the rows and the column values written
 * (rows × the columns stored in each file; partition columns live in folder names, not in files).
 */
export interface OutputTable {
  table: string;
  utility: string;
  files: number;
  rows: number;
  values: number;
}

/** The tables both gridflow and the reference publish: their row counts must be equal. */
export const COMPARED_TABLES = [
  'standardized/service_points',
  'standardized/meters',
  'standardized/intervals',
  'product/usage_interval',
  'experience/usage_daily',
];

export async function outputTables(root: string): Promise<OutputTable[]> {
  if (!existsSync(root)) return [];
  const glob = `${root.replaceAll("'", "''")}/**/*.parquet`;
  const engine = await openDuckDb({ threads: 2 });
  try {
    const rows = await engine.query<{ file_name: string; num_rows: bigint; columns: bigint }>(
      `SELECT m.file_name, m.num_rows, s.columns
FROM parquet_file_metadata('${glob}') m
JOIN (
  SELECT file_name, count(*) FILTER (WHERE num_children IS NULL) AS columns
  FROM parquet_schema('${glob}') GROUP BY ALL
) s USING (file_name)`,
    );
    const tables = new Map<string, OutputTable>();
    for (const r of rows) {
      const parts = path.relative(root, r.file_name).split(path.sep);
      const at = parts.findIndex((p) => p.includes('='));
      const table = parts.slice(0, at < 0 ? -1 : at).join('/');
      const utility = parts.find((p) => p.startsWith('utility_id='))?.slice('utility_id='.length) ?? '';
      const key = `${table}\t${utility}`;
      const t = tables.get(key) ?? { table, utility, files: 0, rows: 0, values: 0 };
      t.files++;
      t.rows += Number(r.num_rows);
      t.values += Number(r.num_rows) * Number(r.columns);
      tables.set(key, t);
    }
    return [...tables.values()].sort((a, b) => `${a.table} ${a.utility}`.localeCompare(`${b.table} ${b.utility}`));
  } finally {
    engine.close();
  }
}

/** Every compared table and utility whose row count differs between two outputs, as one line each. */
export function countMismatches(gridflow: OutputTable[], reference: OutputTable[]): string[] {
  const rows = (ts: OutputTable[], table: string, utility: string) =>
    ts.find((t) => t.table === table && t.utility === utility)?.rows ?? 0;
  const utilities = [...new Set([...gridflow, ...reference].map((t) => t.utility))].filter(Boolean).sort();
  const out: string[] = [];
  for (const table of COMPARED_TABLES) {
    for (const u of utilities) {
      const g = rows(gridflow, table, u);
      const r = rows(reference, table, u);
      const fmt = (x: number) => x.toLocaleString('en-US');
      if (g !== r) out.push(`${table} (${u}): gridflow ${fmt(g)} rows, reference ${fmt(r)}`);
    }
  }
  return out;
}

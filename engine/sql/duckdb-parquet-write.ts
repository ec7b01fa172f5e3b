import path from 'node:path';
import { sqlStringLiteral } from './dialect.ts';

/** A DuckDB write of Parquet: its COPY, and the folder the engine makes for it first (when it writes one). */
export interface DuckDbParquetWrite {
  sql: string;
  folder?: string;
}

const OPTIONS = 'FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880';
/** A value DuckDB's PARTITION_BY would write as it is in a folder name (it escapes others). */
const PLAIN_VALUE = /^[A-Za-z0-9_-]+$/;

const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;

/**
 * DuckDB's COPY of `select` to Parquet under `dir`, Hive-partitioned by `partitionBy`. The leading
 * partition columns with a `known` value (the plan's utility) are written as their `col=value`
 * folder (`folder`), which the engine makes first; the rest, if any, stay a PARTITION_BY inside it.
 * PARTITION_BY holds every row before it writes any (duckdb/duckdb#8981); a COPY to one file
 * streams them: for the 30-column Product at 10M rows it took 5–6 s where PARTITION_BY took 8–11 s
 * (bench/README.md, Parquet writes). The file is `data_0.parquet`, the name PARTITION_BY gives it;
 * no file is written for no rows, as with PARTITION_BY; the known columns are not stored in the file
 * (the folder names them), as PARTITION_BY does not store its columns.
 */
export function duckdbParquetWrite(
  select: string,
  dir: string,
  partitionBy: string[],
  known: Record<string, string> = {},
): DuckDbParquetWrite {
  const fixed: string[] = [];
  for (const c of partitionBy) {
    if (known[c] === undefined || !PLAIN_VALUE.test(known[c])) break;
    fixed.push(c);
  }
  const partitioned = (cols: string[]) =>
    cols.length ? `, PARTITION_BY (${cols.map(quote).join(', ')}), OVERWRITE_OR_IGNORE` : '';
  if (!fixed.length) {
    return { sql: `COPY (${select}) TO ${sqlStringLiteral(dir)} (${OPTIONS}${partitioned(partitionBy)})` };
  }
  const folder = path.join(dir, ...fixed.map((c) => `${c}=${known[c]}`));
  const rest = partitionBy.slice(fixed.length);
  const rows = `SELECT * EXCLUDE (${fixed.map(quote).join(', ')}) FROM (${select})`;
  const sql = rest.length
    ? `COPY (${rows}) TO ${sqlStringLiteral(folder)} (${OPTIONS}${partitioned(rest)})`
    : `COPY (${rows}) TO ${sqlStringLiteral(path.join(folder, 'data_0.parquet'))} (${OPTIONS}, WRITE_EMPTY_FILE false)`;
  return { sql, folder };
}

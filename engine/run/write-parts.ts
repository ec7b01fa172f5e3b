import type { Engine } from '../engines/engine.ts';
import { partWrite } from '../sql/parquet-write.ts';
import type { WriteStatement } from '../sql/statement.ts';

/**
 * The statements that carry out a write: one per value of its split column (each a plain file
 * in its own partition folder) when the engine writes known partitions as folders and the values are
 * few (between 1 and `most`, none NULL); else the write itself. Each part reads the write's rows
 * again, filtered: it pays where the engine's partitioned write costs more than a second read
 * (DuckDB: see sql/duckdb-parquet-write.ts).
 */
export async function writeParts(engine: Engine, w: WriteStatement): Promise<WriteStatement[]> {
  const s = w.split;
  if (!s) return [w];
  const { dir, partitionBy, known } = s.target;
  if (engine.dialect.partitionFolder(dir, partitionBy, known) === undefined) return [w];
  const values = (await engine.query<{ v: unknown }>(s.values)).map((r) => r.v);
  if (values.length === 0 || values.length > s.most || values.some((v) => typeof v !== 'string')) return [w];
  const parts = (values as string[]).map((v) => partWrite(engine.dialect, s.target, s.column, v));
  return parts.every((p) => p !== undefined) ? (parts as WriteStatement[]) : [w];
}

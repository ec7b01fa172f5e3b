import type { Engine } from '../../engine/engines/engine.ts';

/**
 * An order-insensitive digest of a table's content: its row count and the sum of a hash of each row
 * over the given columns (all of them when none are given). Doubles are rounded to 9 significant
 * places first, since a parallel sum may differ in its last bits between runs.
 */
export interface TableDigest {
  rows: number;
  columns: string[];
  digest: string;
}

export async function tableDigest(engine: Engine, view: string, only?: string[]): Promise<TableDigest> {
  const described = await engine.query<{ column_name: string; column_type: string }>(`DESCRIBE "${view}"`);
  const types = new Map(described.map((c) => [c.column_name, c.column_type]));
  const columns = only ?? described.map((c) => c.column_name);
  const missing = columns.filter((c) => !types.has(c));
  if (missing.length) throw new Error(`${view} has no column ${missing.join(', ')}`);
  const fields = columns.map((c) => `"${c}" := ${comparable(`"${c}"`, types.get(c)!)}`);
  const rowHash = `hash(struct_pack(${fields.join(', ')}))::HUGEINT`;
  const [r] = await engine.query<{ n: bigint; h: bigint | null }>(
    `SELECT count(*) AS n, sum(${rowHash}) % 18446744073709551557 AS h FROM "${view}"`,
  );
  return { rows: Number(r.n), columns, digest: String(r.h ?? 0) };
}

function comparable(col: string, type: string): string {
  if (type !== 'DOUBLE' && type !== 'FLOAT') return col;
  return `CASE WHEN ${col} = 0 THEN 0 ELSE round(${col}, 9 - ceil(log10(abs(${col})))::INT) END`;
}

import type { Dialect } from './dialect.ts';
import type { ParquetTarget, WriteSplit, WriteStatement } from './statement.ts';

export type { ParquetTarget } from './statement.ts';

/** The write statement of a target, in a dialect (with the folder its engine makes first, when it needs one). */
export function parquetWrite(d: Dialect, t: ParquetTarget, split?: Omit<WriteSplit, 'target'>): WriteStatement {
  const folder = d.partitionFolder(t.dir, t.partitionBy, t.known);
  return {
    layer: t.layer,
    table: t.table,
    ...(t.unordered ? { unordered: true } : {}),
    sql: d.writeParquet(t.select, t.dir, t.partitionBy, t.known),
    ...(folder ? { folder } : {}),
    ...(split ? { split: { ...split, target: t } } : {}),
  };
}

/**
 * The write of the rows of `t` whose `column` is `value`, with that value known: when the dialect writes
 * every partition as a folder of its own then (a single file), that write; otherwise undefined.
 */
export function partWrite(d: Dialect, t: ParquetTarget, column: string, value: string): WriteStatement | undefined {
  const known = { ...t.known, [column]: value };
  const whole = t.partitionBy.reduce((dir, c) => `${dir}/${c}=${known[c]}`, t.dir);
  const folder = d.partitionFolder(t.dir, t.partitionBy, known);
  if (folder === undefined || folder.replace(/\\/g, '/') !== whole.replace(/\\/g, '/')) return undefined;
  const select = `SELECT * FROM (${t.select}) WHERE ${d.quoteIdent(column)} = ${d.string(value)}`;
  return parquetWrite(d, { ...t, select, known });
}

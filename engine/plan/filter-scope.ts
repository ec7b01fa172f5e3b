import type { SqlType } from '../model/sql-type.ts';

/**
 * The names a table's `filter` sees: its mapped columns (typed), then the columns of its source
 * header that are not mapped column names, as text (`ACTIVE_FLAG = 'N'`). A mapped name wins over
 * a header column of the same name.
 */
export function filterColumns(mapped: ReadonlyMap<string, SqlType>, header: readonly string[]): Map<string, SqlType> {
  const columns = new Map(mapped);
  for (const h of header) if (!columns.has(h)) columns.set(h, 'string');
  return columns;
}

/** SQL that references a filter name: the typed value of a mapped column, or the source column's text. */
export function filterRef(
  mapped: ReadonlyMap<string, SqlType>,
  typed: (column: string) => string,
  source: (column: string) => string,
): (name: string) => string {
  return (name) => (mapped.has(name) ? typed(name) : source(name));
}

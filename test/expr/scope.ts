/** Shared test scope: columns typed as a mapping would see them, refs quoted by the dialect. */
import type { Dialect, SqlType } from '../../engine/sql/dialect.ts';
import type { ExprScope } from '../../engine/expr/compile-expression.ts';

export const COLUMNS = new Map<string, SqlType>([
  ['premise_house_num', 'string'],
  ['premise_street', 'string'],
  ['meter_id', 'string'],
  ['channel', 'bigint'],
  ['value', 'double'],
  ['quality', 'string'],
  ['city', 'string'],
  ['status', 'string'],
  ['kwh', 'double'],
  ['read_at', 'timestamp'],
  ['a"b', 'string'],
  ['my col', 'string'],
]);

export function scopeFor(dialect: Dialect, columns: ReadonlyMap<string, SqlType> = COLUMNS): ExprScope {
  return { columns, ref: (name) => dialect.quoteIdent(name) };
}

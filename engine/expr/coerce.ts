/** Type coercions that mirror JSONata's implicit conversions, expressed through the dialect. */
import type { Dialect } from '../sql/dialect.ts';
import type { Ctx } from './context.ts';
import { INTEGRAL, NUMERIC, type AstNode, type ExprType, type Typed } from './types.ts';

/** As a string (JSONata `$string`); NULL stays NULL. */
export function asString(d: Dialect, t: Typed): string {
  return t.type === 'string' || t.type === 'null' ? t.sql : d.cast(t.sql, 'string');
}

/** As a number for arithmetic; text is parsed leniently (non-numeric text → NULL). */
export function asNumber(ctx: Ctx, t: Typed, node: AstNode): Typed {
  if (NUMERIC.has(t.type) || t.type === 'null') return t;
  if (t.type === 'string') return { sql: ctx.dialect.tryCast(t.sql, 'double'), type: 'double' };
  if (t.type === 'boolean') return { sql: ctx.dialect.cast(t.sql, 'double'), type: 'double' };
  ctx.unsupported(node, `arithmetic on a ${t.type} value`);
  return { sql: t.sql, type: 'double' };
}

/** As a boolean (JSONata `$boolean`): '' and 0 are false; NULL stays NULL (three-valued logic). */
export function asBoolean(t: Typed): string {
  switch (t.type) {
    case 'boolean':
    case 'null':
      return t.sql;
    case 'string':
      return `(${t.sql} <> '')`;
    case 'double':
    case 'bigint':
    case 'integer':
      return `(${t.sql} <> 0)`;
    default:
      return `(${t.sql} IS NOT NULL)`;
  }
}

/** Numeric result type of `+ - * %` (integers stay integral) — `/` is always double. */
export function arithmeticType(a: ExprType, b: ExprType): ExprType {
  const ai = INTEGRAL.has(a) || a === 'null';
  const bi = INTEGRAL.has(b) || b === 'null';
  return ai && bi ? 'bigint' : 'double';
}

/**
 * Operands of a comparison or `in`: when numbers meet text, the text is parsed as a number
 * (lenient; JSONata would raise a type error instead).
 */
export function comparable(d: Dialect, items: Typed[]): Typed[] {
  const numeric = items.some((t) => NUMERIC.has(t.type));
  if (!numeric || !items.some((t) => t.type === 'string')) return items;
  return items.map((t) => (t.type === 'string' ? { sql: d.tryCast(t.sql, 'double'), type: 'double' } : t));
}

/** Common type of conditional branches; mixed kinds fall back to string (JSONata returns either). */
export function unifyBranches(d: Dialect, branches: Typed[]): Typed[] {
  const kinds = [...new Set(branches.map((b) => b.type).filter((t) => t !== 'null'))];
  if (kinds.length <= 1) return branches;
  if (kinds.every((k) => NUMERIC.has(k))) {
    const type: ExprType = kinds.every((k) => INTEGRAL.has(k)) ? 'bigint' : 'double';
    return branches.map((b) => (b.type === 'null' || b.type === type ? b : { sql: d.cast(b.sql, type), type }));
  }
  return branches.map((b) => (b.type === 'null' || b.type === 'string' ? b : { sql: asString(d, b), type: 'string' }));
}

export function resultType(branches: Typed[]): ExprType {
  return branches.find((b) => b.type !== 'null')?.type ?? 'null';
}

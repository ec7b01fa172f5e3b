/** Binary operators: `&`, arithmetic, comparisons, `and`/`or`, `in`. */
import type { Ctx } from './context.ts';
import { describeConstruct } from './constructs.ts';
import { arithmeticType, asBoolean, asNumber, asString, comparable } from './coerce.ts';
import { INTEGRAL, type AstNode, type Typed } from './types.ts';

const COMPARE: Record<string, string> = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

export function binary(ctx: Ctx, node: AstNode): Typed {
  const op = String(node.value);
  const lhs = node.lhs as AstNode;
  const rhs = node.rhs as AstNode;
  if (op === '&') return concat(ctx, node);
  if (op === 'in') return inList(ctx, lhs, rhs);
  if (op === 'and' || op === 'or') {
    const l = asBoolean(ctx.compile(lhs));
    const r = asBoolean(ctx.compile(rhs));
    return { sql: `(${l} ${op.toUpperCase()} ${r})`, type: 'boolean' };
  }
  if (op in COMPARE) return compare(ctx, op, lhs, rhs);
  if (['+', '-', '*', '/', '%'].includes(op)) return arithmetic(ctx, op, lhs, rhs);
  return ctx.unsupported(node, describeConstruct(node));
}

/** `a & b & c` → one null-as-empty concatenation of all parts. */
function concat(ctx: Ctx, node: AstNode): Typed {
  const parts: string[] = [];
  const walk = (n: AstNode): void => {
    if (n.type === 'binary' && n.value === '&') {
      walk(n.lhs as AstNode);
      walk(n.rhs as AstNode);
    } else parts.push(asString(ctx.dialect, ctx.compile(n)));
  };
  walk(node);
  return { sql: ctx.dialect.concat(parts), type: 'string' };
}

function arithmetic(ctx: Ctx, op: string, lhsNode: AstNode, rhsNode: AstNode): Typed {
  const l = asNumber(ctx, ctx.compile(lhsNode), lhsNode);
  const r = asNumber(ctx, ctx.compile(rhsNode), rhsNode);
  if (op === '/') return { sql: `(${l.sql} / ${r.sql})`, type: 'double' };
  const type = arithmeticType(l.type, r.type);
  // Two 32-bit operands would overflow in SQL where JSONata (doubles) would not: widen one.
  const widen = type === 'bigint' && l.type !== 'bigint' && r.type !== 'bigint' && INTEGRAL.has(l.type);
  const left = widen ? ctx.dialect.cast(l.sql, 'bigint') : l.sql;
  return { sql: `(${left} ${op} ${r.sql})`, type };
}

function compare(ctx: Ctx, op: string, lhsNode: AstNode, rhsNode: AstNode): Typed {
  const l = ctx.compile(lhsNode);
  const r = ctx.compile(rhsNode);
  if ((op === '=' || op === '!=') && (isNullLiteral(l) || isNullLiteral(r))) {
    const other = isNullLiteral(l) ? r : l;
    return { sql: `(${other.sql} IS ${op === '=' ? '' : 'NOT '}NULL)`, type: 'boolean' };
  }
  const [a, b] = comparable(ctx.dialect, [l, r]);
  return { sql: `(${a.sql} ${COMPARE[op]} ${b.sql})`, type: 'boolean' };
}

/** `x in [a, b]` → `x IN (a, b)`; a non-array right side is a one-element list. */
function inList(ctx: Ctx, lhsNode: AstNode, rhsNode: AstNode): Typed {
  const l = ctx.compile(lhsNode);
  const isArray = rhsNode.type === 'unary' && rhsNode.value === '[';
  const items = (isArray ? (rhsNode.expressions ?? []) : [rhsNode]).map((n) => ctx.compile(n));
  if (items.length === 0) return { sql: 'FALSE', type: 'boolean' };
  const [a, ...rest] = comparable(ctx.dialect, [l, ...items]);
  return { sql: `(${a.sql} IN (${rest.map((t) => t.sql).join(', ')}))`, type: 'boolean' };
}

function isNullLiteral(t: Typed): boolean {
  return t.literal !== undefined && t.literal.value === null;
}

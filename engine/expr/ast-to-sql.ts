/** Translates one jsonata AST node into SQL text (with its inferred type) through the dialect. */
import { didYouMean } from '../util/did-you-mean.ts';
import { unifyBranches, asBoolean, resultType } from './coerce.ts';
import { describeConstruct } from './constructs.ts';
import { FAILED, type Ctx } from './context.ts';
import { call } from './functions.ts';
import { binary } from './operators.ts';
import type { AstNode, Typed } from './types.ts';

const INT32_MAX = 2147483647;

export function translate(ctx: Ctx, node: AstNode): Typed {
  switch (node.type) {
    case 'string': {
      const value = String(node.value);
      return { sql: ctx.dialect.string(value), type: 'string', literal: { value } };
    }
    case 'number':
      return numberLiteral(ctx, node.value as number);
    case 'value': {
      const value = node.value as boolean | null;
      const sql = value === null ? 'NULL' : value ? 'TRUE' : 'FALSE';
      return { sql, type: value === null ? 'null' : 'boolean', literal: { value } };
    }
    case 'path':
      return path(ctx, node);
    case 'unary':
      if (node.value === '-') return negate(ctx, node);
      return ctx.unsupported(node, describeConstruct(node));
    case 'binary':
      return binary(ctx, node);
    case 'condition':
      return conditional(ctx, node);
    case 'block': {
      const exprs = node.expressions ?? [];
      if (exprs.length === 1) return ctx.compile(exprs[0]);
      const bind = exprs.find((e) => e.type === 'bind');
      if (bind) return ctx.unsupported(bind, describeConstruct(bind));
      return ctx.unsupported(node, exprs.length === 0 ? 'empty block ()' : "block of several expressions '(a; b)'");
    }
    case 'function':
      return call(ctx, node);
    default:
      return ctx.unsupported(node, describeConstruct(node));
  }
}

function numberLiteral(ctx: Ctx, value: number): Typed {
  const literal = { value };
  if (Number.isSafeInteger(value)) {
    return { sql: String(value), type: Math.abs(value) <= INT32_MAX ? 'integer' : 'bigint', literal };
  }
  // A bare `1.5` is DECIMAL in SQL; JSONata numbers are doubles.
  return { sql: ctx.dialect.cast(String(value), 'double'), type: 'double', literal };
}

/** A single-step path of a plain name is a column; anything else is unsupported. */
function path(ctx: Ctx, node: AstNode): Typed {
  const steps = node.steps ?? [];
  const step = steps[0];
  const odd = steps.find((s) => s.type !== 'name');
  if (odd && odd.position !== undefined) return ctx.unsupported(odd, describeConstruct(odd));
  if (steps.length !== 1 || odd) return ctx.unsupported(node, describeConstruct(node));
  if (node.group) return ctx.unsupported({ type: 'group', position: node.group.position }, 'grouping {...}');
  if (step.stages?.length) return ctx.unsupported(step.stages[0], describeConstruct(step.stages[0]));
  if (step.keepArray) return ctx.unsupported(node, "array-keeping '[]'");
  if (step.focus !== undefined) return ctx.unsupported(node, "focus variable binding '@'");
  if (step.index !== undefined) return ctx.unsupported(node, "positional variable binding '#'");
  const name = String(step.value);
  const type = ctx.scope.columns.get(name);
  if (type === undefined) {
    const hint = didYouMean(name, ctx.scope.columns.keys());
    ctx.error('expr-unknown-column', node, { column: name }, hint);
    return FAILED;
  }
  ctx.useColumn(name);
  return { sql: ctx.scope.ref(name), type };
}

function negate(ctx: Ctx, node: AstNode): Typed {
  const inner = node.expression as AstNode;
  const t = ctx.compile(inner);
  const n = t.type === 'string' ? { sql: ctx.dialect.tryCast(t.sql, 'double'), type: 'double' as const } : t;
  if (n.type === 'boolean' || n.type === 'timestamp' || n.type === 'date') {
    return ctx.unsupported(node, `unary minus on a ${n.type} value`);
  }
  // A space keeps `- -x` from turning into an SQL `--` comment.
  return { sql: n.sql.startsWith('-') ? `(- ${n.sql})` : `(-${n.sql})`, type: n.type };
}

/** `c ? a : b` → CASE WHEN … THEN … ELSE … END (also `a ?: b` and `a ?? b`, which jsonata desugars). */
function conditional(ctx: Ctx, node: AstNode): Typed {
  const cond = asBoolean(ctx.compile(node.condition as AstNode));
  const then = ctx.compile(node.then as AstNode);
  const otherwise: Typed = node.else ? ctx.compile(node.else) : { sql: 'NULL', type: 'null' };
  const [t, e] = unifyBranches(ctx.dialect, [then, otherwise]);
  return { sql: `CASE WHEN ${cond} THEN ${t.sql} ELSE ${e.sql} END`, type: resultType([t, e]) };
}

/**
 * Entry point: compile a JSONata expression (parsed by the `jsonata` package) into SQL text for
 * a dialect. Only a row-level subset translates; everything else is a validation error.
 * See README.md in this directory for the supported subset.
 */
import { createRequire } from 'node:module';
import type jsonataModule from 'jsonata';
import type { Dialect } from '../sql/dialect.ts';
import { translate } from './ast-to-sql.ts';
import { astDepth, MAX_EXPR_DEPTH } from './ast-depth.ts';
import { Ctx } from './context.ts';
import type { AstNode, ExprError, ExprResult, ExprScope } from './types.ts';

// jsonata (a large module) is loaded on first use, so commands that compile no expression start faster.
const jsonata = (expr: string) => (createRequire(import.meta.url)('jsonata') as typeof jsonataModule)(expr);

export type { ExprError, ExprResult, ExprScope, ExprType } from './types.ts';

export function compileExpression(expr: string, scope: ExprScope, dialect: Dialect): ExprResult {
  let ast: AstNode;
  try {
    ast = jsonata(expr).ast() as unknown as AstNode;
  } catch (e) {
    return { ok: false, errors: [syntaxError(expr, e)] };
  }
  const depth = astDepth(ast);
  if (depth > MAX_EXPR_DEPTH) return { ok: false, errors: [tooDeep(expr, depth)] };
  const ctx = new Ctx(expr, scope, dialect);
  ctx.compile = (node) => translate(ctx, node);
  const out = ctx.compile(ast);
  if (ctx.errors.length > 0) return { ok: false, errors: dedupe(ctx.errors) };
  return { ok: true, sql: out.sql, type: out.type, columns: [...ctx.columns] };
}

interface JsonataError {
  code?: string;
  message?: string;
  position?: number;
  token?: unknown;
}

function syntaxError(expr: string, e: unknown): ExprError {
  const err = (typeof e === 'object' && e !== null ? e : {}) as JsonataError;
  if (err.code === 'S0217') {
    return { code: 'expr-unsupported', params: { expr, construct: 'parent operator %' }, position: Math.max(0, expr.indexOf('%')) };
  }
  // The parser itself recurses: a very deep expression overflows its stack before any depth check.
  if (e instanceof RangeError) return tooDeep(expr, 'too many');
  const detail = err.message ?? err.code ?? String(e);
  const out: ExprError = { code: 'expr-syntax', params: { expr, detail } };
  if (typeof err.position === 'number') {
    // jsonata reports the offset just past the offending token.
    const token = typeof err.token === 'string' && err.token !== '(end)' ? err.token : '';
    out.position = Math.min(expr.length, Math.max(0, err.position - token.length));
  }
  return out;
}

/** `a ?: b` shares one node between condition and branch; report each problem once. */
function dedupe(errors: ExprError[]): ExprError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = JSON.stringify([e.code, e.position, e.params]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function tooDeep(expr: string, depth: number | string): ExprError {
  return { code: 'expr-too-deep', params: { expr: expr.length > 80 ? `${expr.slice(0, 79)}…` : expr, depth, limit: MAX_EXPR_DEPTH }, position: 0 };
}

/** Function calls `$name(args)`: arity checks and the table of supported JSONata functions. */
import { didYouMean } from '../util/did-you-mean.ts';
import { asBoolean, asNumber, asString } from './coerce.ts';
import { FAILED, type Call, type Ctx, type FunctionSpec } from './context.ts';

export type { Call, FunctionSpec };
import { describeBuiltin, describeConstruct } from './constructs.ts';
import { STRING_FUNCTIONS } from './string-functions.ts';
import { INTEGRAL, NUMERIC, type AstNode, type ExprType, type Typed } from './types.ts';

const num = (c: Call, i: number): Typed => asNumber(c.ctx, c.arg(i), c.args[i]);
const str = (c: Call, i: number): string => asString(c.ctx.dialect, c.arg(i));
const sameNumeric = (t: ExprType): ExprType => (NUMERIC.has(t) ? t : 'double');
const keepIntegral = (t: ExprType): ExprType => (INTEGRAL.has(t) ? t : 'double');

const MATH_FUNCTIONS: Record<string, FunctionSpec> = {
  round: {
    min: 1,
    max: 2,
    compile: (c) => {
      const x = num(c, 0);
      if (c.args.length === 1) return { sql: c.ctx.dialect.fn('round', [x.sql]), type: keepIntegral(x.type) };
      // Spark requires a constant scale; JSONata allows -15 … 15 digits.
      const digits = c.arg(1).literal?.value;
      if (typeof digits !== 'number' || !Number.isInteger(digits)) return c.ctx.unsupported(c.args[1], 'non-integer-literal digits in $round');
      return { sql: c.ctx.dialect.fn('round', [x.sql, String(digits)]), type: keepIntegral(x.type) };
    },
  },
  abs: unaryMath('abs', sameNumeric),
  floor: unaryMath('floor', keepIntegral),
  ceil: unaryMath('ceil', keepIntegral),
  sqrt: unaryMath('sqrt', () => 'double'),
  power: {
    min: 2,
    max: 2,
    compile: (c) => ({ sql: c.ctx.dialect.fn('power', [num(c, 0).sql, num(c, 1).sql]), type: 'double' }),
  },
};

const VALUE_FUNCTIONS: Record<string, FunctionSpec> = {
  string: { min: 1, max: 1, compile: (c) => ({ sql: str(c, 0), type: 'string' }) },
  number: { min: 1, max: 1, compile: (c) => ({ ...num(c, 0) }) },
  boolean: { min: 1, max: 1, compile: (c) => ({ sql: asBoolean(c.arg(0)), type: 'boolean' }) },
  not: { min: 1, max: 1, compile: (c) => ({ sql: `(NOT ${asBoolean(c.arg(0))})`, type: 'boolean' }) },
  exists: { min: 1, max: 1, compile: (c) => ({ sql: `(${c.arg(0).sql} IS NOT NULL)`, type: 'boolean' }) },
};

export const FUNCTIONS: Record<string, FunctionSpec> = { ...STRING_FUNCTIONS, ...MATH_FUNCTIONS, ...VALUE_FUNCTIONS };

function unaryMath(name: 'abs' | 'floor' | 'ceil' | 'sqrt', type: (t: ExprType) => ExprType): FunctionSpec {
  return {
    min: 1,
    max: 1,
    compile: (c) => {
      const x = num(c, 0);
      return { sql: c.ctx.dialect.fn(name, [x.sql]), type: type(x.type) };
    },
  };
}

export function call(ctx: Ctx, node: AstNode): Typed {
  const proc = node.procedure as AstNode;
  const args = node.arguments ?? [];
  if (proc.type !== 'variable' || proc.value === '' || proc.value === '$') {
    return ctx.unsupported(node, proc.type === 'variable' ? describeConstruct(proc) : 'call of a computed function');
  }
  const name = String(proc.value);
  const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  const cache = new Map<number, Typed>();
  const c: Call = {
    ctx,
    node,
    args,
    arg(i) {
      if (!cache.has(i)) cache.set(i, ctx.compile(args[i]));
      return cache.get(i)!;
    },
  };
  const builtin = spec ? undefined : describeBuiltin(name);
  if (builtin) {
    ctx.unsupported(proc, builtin);
    return compileAll(c);
  }
  if (!spec) {
    const hint = didYouMean(`$${name}`, Object.keys(FUNCTIONS).map((f) => `$${f}`));
    ctx.error('expr-unknown-function', proc, { name }, hint);
    return compileAll(c);
  }
  if (args.length < spec.min || args.length > spec.max) {
    const expected = spec.min === spec.max ? spec.min : `${spec.min} or ${spec.max}`;
    ctx.error('expr-arity', proc, { name, expected, got: args.length });
    return compileAll(c);
  }
  return spec.compile(c);
}

/** Translate every argument anyway, so their own errors (unknown columns …) are reported too. */
function compileAll(c: Call): Typed {
  c.args.forEach((a, i) => {
    if (a.type !== 'regex' && !(a.type === 'unary' && a.value === '[')) c.arg(i);
  });
  return FAILED;
}

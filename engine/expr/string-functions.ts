/** String functions: $uppercase … $join. JSONata offsets are 0-based, SQL's are 1-based. */
import type { Dialect } from '../sql/dialect.ts';
import { checkRegex } from '../sql/regex-check.ts';
import { asNumber, asString } from './coerce.ts';
import type { Call, FunctionSpec } from './context.ts';
import { INTEGRAL, type AstNode, type Typed } from './types.ts';

const str = (c: Call, i: number): string => asString(c.ctx.dialect, c.arg(i));

function simple(name: 'upper' | 'lower' | 'trim' | 'length', type: 'string' | 'bigint'): FunctionSpec {
  return { min: 1, max: 1, compile: (c) => ({ sql: c.ctx.dialect.fn(name, [str(c, 0)]), type }) };
}

export const STRING_FUNCTIONS: Record<string, FunctionSpec> = {
  uppercase: simple('upper', 'string'),
  lowercase: simple('lower', 'string'),
  trim: simple('trim', 'string'),
  length: simple('length', 'bigint'),
  substring: { min: 2, max: 3, compile: substring },
  substringBefore: { min: 2, max: 2, compile: (c) => around(c, 'before') },
  substringAfter: { min: 2, max: 2, compile: (c) => around(c, 'after') },
  contains: { min: 2, max: 2, compile: contains },
  replace: { min: 3, max: 3, compile: replace },
  join: { min: 1, max: 2, compile: join },
};

/** An integer argument: literal value, or the SQL of the expression cast to an integer. */
function intArg(c: Call, i: number): { sql: string; value?: number } {
  const t = c.arg(i);
  if (typeof t.literal?.value === 'number') return { sql: t.sql, value: Math.trunc(t.literal.value) };
  const n = asNumber(c.ctx, t, c.args[i]);
  return { sql: INTEGRAL.has(n.type) ? n.sql : c.ctx.dialect.cast(n.sql, 'bigint') };
}

/** `$substring(s, start[, len])`: start ≥ 0 shifts by one; a negative start counts from the end in both. */
function substring(c: Call): Typed {
  const s = str(c, 0);
  const start = intArg(c, 1);
  const args = [s, start.value !== undefined ? String(start.value >= 0 ? start.value + 1 : start.value) : `CASE WHEN ${start.sql} < 0 THEN ${start.sql} ELSE ${start.sql} + 1 END`];
  if (c.args.length > 2) {
    const len = intArg(c, 2);
    args.push(len.value !== undefined ? String(Math.max(0, len.value)) : len.sql);
  }
  return { sql: c.ctx.dialect.fn('substring', args), type: 'string' };
}

/** `$substringBefore/After(s, chars)`: the whole string when `chars` does not occur. */
function around(c: Call, side: 'before' | 'after'): Typed {
  const d = c.ctx.dialect;
  const s = str(c, 0);
  const chars = c.arg(1);
  const cs = asString(d, chars);
  const pos = d.fn('strpos', [s, cs]);
  const charsLen = typeof chars.literal?.value === 'string' ? String([...chars.literal.value].length) : d.fn('length', [cs]);
  const part = side === 'before' ? d.fn('substring', [s, '1', `${pos} - 1`]) : d.fn('substring', [s, `${pos} + ${charsLen}`]);
  return { sql: `CASE WHEN ${pos} > 0 THEN ${part} ELSE ${s} END`, type: 'string' };
}

/** `$contains(s, 'text')` → strpos > 0; `$contains(s, /re/i)` → the dialect's regex match. */
function contains(c: Call): Typed {
  const d = c.ctx.dialect;
  const s = str(c, 0);
  const pattern = c.args[1];
  if (pattern.type === 'regex') {
    const source = regexSource(pattern);
    const problem = checkRegex(d.name, source).problem;
    if (problem) return c.ctx.error('bad-regex', pattern, { pattern: source, detail: problem });
    return { sql: d.regexpMatches(s, source), type: 'boolean' };
  }
  return { sql: `(${d.fn('strpos', [s, str(c, 1)])} > 0)`, type: 'boolean' };
}

/** JSONata regex flags i and m become inline flags, understood by RE2 (DuckDB) and Java (Spark). */
function regexSource(node: AstNode): string {
  const re = node.value as RegExp;
  const flags = [...re.flags].filter((f) => f === 'i' || f === 'm').join('');
  return (flags ? `(?${flags})` : '') + re.source;
}

/** `$replace(s, 'literal', replacement)`: every occurrence, like SQL replace. */
function replace(c: Call): Typed {
  const d = c.ctx.dialect;
  const s = str(c, 0);
  const p = c.args[1];
  const replacement = str(c, 2);
  if (p.type === 'regex') return c.ctx.unsupported(p, 'regular expression pattern in $replace');
  if (p.type !== 'string') return c.ctx.unsupported(p, 'non-literal pattern in $replace');
  if (p.value === '') return c.ctx.unsupported(p, 'empty pattern in $replace');
  return { sql: d.fn('replace', [s, d.string(String(p.value)), replacement]), type: 'string' };
}

/**
 * `$join([a, b, …], sep)`: JSONata drops missing array items, so each present item is prefixed
 * with the separator and the leading separator is cut off (like concat_ws).
 */
function join(c: Call): Typed {
  const d = c.ctx.dialect;
  const arr = c.args[0];
  const sepNode = c.args[1];
  if (sepNode && sepNode.type !== 'string') c.ctx.unsupported(sepNode, 'non-literal separator in $join');
  if (arr.type !== 'unary' || arr.value !== '[') return c.ctx.unsupported(arr, '$join of something other than an array literal [...]');
  const sep = sepNode?.type === 'string' ? String(sepNode.value) : '';
  const items = (arr.expressions ?? []).map((n) => c.ctx.compile(n));
  if (items.length === 0) return { sql: d.string(''), type: 'string' };
  if (sep === '') return { sql: d.concat(items.map((t) => asString(d, t))), type: 'string' };
  const pieces = items.map((t) => prefixed(d, sep, t));
  return { sql: d.fn('substring', [d.concat(pieces), String([...sep].length + 1)]), type: 'string' };
}

function prefixed(d: Dialect, sep: string, t: Typed): string {
  if (typeof t.literal?.value === 'string') return d.string(sep + t.literal.value);
  if (t.literal?.value === null) return d.string('');
  const s = asString(d, t);
  return `CASE WHEN ${s} IS NULL THEN NULL ELSE ${d.concat([d.string(sep), s])} END`;
}

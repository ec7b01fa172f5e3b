import { describe, expect, it } from 'vitest';
import { compileExpression, type ExprError } from '../../engine/expr/compile-expression.ts';
import { duckdbDialect } from '../../engine/sql/duckdb-dialect.ts';
import { scopeFor } from './scope.ts';

function errors(expr: string): ExprError[] {
  const r = compileExpression(expr, scopeFor(duckdbDialect), duckdbDialect);
  if (r.ok) throw new Error(`expected errors for ${expr}, got ${r.sql}`);
  return r.errors;
}

/** [expression, construct named in the error, 0-based start of the construct] */
const UNSUPPORTED: [string, string, number][] = [
  ['1 + meter_id.channel', 'path meter_id.channel', 4],
  ['city[0]', 'predicate [...]', 4],
  ['city[status = "A"]', 'predicate [...]', 4],
  ['*', 'wildcard *', 0],
  ['**', 'descendant wildcard **', 0],
  ['$', "context variable '$'", 0],
  ['$$.city', "root variable '$$'", 0],
  ['$v & city', "variable reference '$v'", 0],
  ['($x := 1; $x)', "variable binding ':='", 1],
  ['function($x) { $x }', 'function definition', 0],
  ['$substring(?, 1)', 'partial function application', 0],
  ['{"a": city}', 'object constructor {...}', 0],
  ['[city, status]', 'array constructor [...] (only allowed after in and in $join)', 0],
  ['city^(status)', 'sorting ^(...)', 4],
  ['city ~> $uppercase', "function chaining '~>'", 0],
  ['$map(city, $uppercase)', 'function $map (higher-order function)', 0],
  ['$sum(value)', 'function $sum (array aggregate function)', 0],
  ['| city | {"a": 1} |', 'transform |...|...|', 0],
  ['/ab+/', 'regular expression /.../ (only allowed as the pattern of $contains)', 0],
  ['channel in [1..3]', "range operator '..'", 12],
  ['(city; status)', "block of several expressions '(a; b)'", 0],
  ['%.city', 'parent operator %', 0],
  ['city.%', 'parent operator %', 0],
  ['city{status: value}', 'grouping {...}', 4],
  ['city@$c', "focus variable binding '@'", 0],
  ['city#$i', "positional variable binding '#'", 0],
  ['city[]', "array-keeping '[]'", 0],
  ['$replace(city, /a/, "b")', 'regular expression pattern in $replace', 15],
  ['$join(city, ",")', '$join of something other than an array literal [...]', 6],
  ['read_at + 1', 'arithmetic on a timestamp value', 0],
  ['$round(value, channel)', 'non-integer-literal digits in $round', 14],
  ['$join([city], status)', 'non-literal separator in $join', 14],
];

describe('unsupported constructs', () => {
  for (const [expr, construct, position] of UNSUPPORTED) {
    it(`${expr} → ${construct}`, () => {
      const errs = errors(expr);
      expect(errs[0]).toMatchObject({ code: 'expr-unsupported', params: { expr, construct }, position });
    });
  }
});

describe('other errors', () => {
  it('syntax error carries jsonata detail and a position', () => {
    expect(errors('value +')).toEqual([
      { code: 'expr-syntax', params: { expr: 'value +', detail: 'Unexpected end of expression' }, position: 7 },
    ]);
    expect(errors('value quality')[0]).toMatchObject({ code: 'expr-syntax', position: 6 });
    expect(errors('"unterminated')[0]).toMatchObject({ code: 'expr-syntax' });
  });

  it('unknown column with a did-you-mean hint', () => {
    expect(errors('vaule * 2')).toEqual([
      {
        code: 'expr-unknown-column',
        params: { expr: 'vaule * 2', column: 'vaule' },
        position: 0,
        hint: "did you mean 'value'?",
      },
    ]);
  });

  it('unknown function with a hint over supported functions', () => {
    expect(errors('$uppercse(city)')).toEqual([
      {
        code: 'expr-unknown-function',
        params: { expr: '$uppercse(city)', name: 'uppercse' },
        position: 0,
        hint: "did you mean '$uppercase'?",
      },
    ]);
  });

  it('does not mistake Object.prototype names for functions', () => {
    expect(errors('$constructor(city)')[0]).toMatchObject({ code: 'expr-unknown-function', params: { name: 'constructor' } });
  });

  it('wrong arity', () => {
    expect(errors('$uppercase()')[0]).toEqual({
      code: 'expr-arity',
      params: { expr: '$uppercase()', name: 'uppercase', expected: 1, got: 0 },
      position: 0,
    });
    expect(errors('1 + $substring(city)')[0]).toMatchObject({
      code: 'expr-arity',
      params: { name: 'substring', expected: '2 or 3', got: 1 },
      position: 4,
    });
  });

  it('collects every error, each once, with positions', () => {
    const expr = "vaule + $nope(citty) & a.b & (cty ?: 'x')";
    expect(errors(expr).map((e) => [e.code, e.position])).toEqual([
      ['expr-unknown-column', 0],
      ['expr-unknown-function', 8],
      ['expr-unknown-column', 14],
      ['expr-unsupported', 23],
      ['expr-unknown-column', 30],
    ]);
  });

  it('positions account for quotes and escapes', () => {
    expect(errors('"a\\"b" & `x y`')[0]).toMatchObject({ params: { column: 'x y' }, position: 9 });
    expect(errors('$contains(city, /a\\/b/i) and $oops()')[0]).toMatchObject({ position: 29 });
  });
});

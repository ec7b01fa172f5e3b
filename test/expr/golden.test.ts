import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../engine/expr/compile-expression.ts';
import { duckdbDialect } from '../../engine/sql/duckdb-dialect.ts';
import { sparkDialect } from '../../engine/sql/spark-dialect.ts';
import { scopeFor } from './scope.ts';

/** [JSONata, DuckDB SQL, Spark SQL, inferred type] */
const GOLDEN: [string, string, string, string][] = [
  [
    "premise_house_num & ' ' & premise_street",
    `concat("premise_house_num", ' ', "premise_street")`,
    "concat_ws('', `premise_house_num`, ' ', `premise_street`)",
    'string',
  ],
  [
    "meter_id & '/' & channel",
    `concat("meter_id", '/', CAST("channel" AS VARCHAR))`,
    "concat_ws('', `meter_id`, '/', CAST(`channel` AS STRING))",
    'string',
  ],
  [
    "value >= 0 and quality != 'estimated'",
    `(("value" >= 0) AND ("quality" <> 'estimated'))`,
    "((`value` >= 0) AND (`quality` <> 'estimated'))",
    'boolean',
  ],
  ['$uppercase($trim(city))', `upper(trim("city"))`, 'upper(trim(`city`))', 'string'],
  [
    "status in ['Retired', 'Removed'] ? 'inactive' : 'active'",
    `CASE WHEN ("status" IN ('Retired', 'Removed')) THEN 'inactive' ELSE 'active' END`,
    "CASE WHEN (`status` IN ('Retired', 'Removed')) THEN 'inactive' ELSE 'active' END",
    'string',
  ],
  [
    '"O\'Brien \\\\ x" & `a"b` & `my col`',
    `concat('O''Brien \\ x', "a""b", "my col")`,
    "concat_ws('', 'O\\'Brien \\\\ x', `a\"b`, `my col`)",
    'string',
  ],
  ['$substring(meter_id, 0, 3)', `substring("meter_id", 1, 3)`, 'substring(`meter_id`, 1, 3)', 'string'],
  ['$substring(city, -3)', `substring("city", -3)`, 'substring(`city`, -3)', 'string'],
  [
    '$contains(city, /^new\\s/i)',
    `regexp_matches("city", '(?i)^new\\s')`,
    "(`city` RLIKE '(?i)^new\\\\s')",
    'boolean',
  ],
  [
    "$substringAfter(meter_id, '-')",
    `CASE WHEN strpos("meter_id", '-') > 0 THEN substring("meter_id", strpos("meter_id", '-') + 1) ELSE "meter_id" END`,
    "CASE WHEN instr(`meter_id`, '-') > 0 THEN substring(`meter_id`, instr(`meter_id`, '-') + 1) ELSE `meter_id` END",
    'string',
  ],
  ['kwh * 1000 / 60', `(("kwh" * 1000) / 60)`, '((`kwh` * 1000) / 60)', 'double'],
  ['-value + 1.5', `((-"value") + CAST(1.5 AS DOUBLE))`, '((-`value`) + CAST(1.5 AS DOUBLE))', 'double'],
  ['channel + 1', `("channel" + 1)`, '(`channel` + 1)', 'bigint'],
  ['$round(value, 2)', `round("value", 2)`, 'round(`value`, 2)', 'double'],
  [
    "$join([meter_id, city], ', ')",
    `substring(concat(CASE WHEN "meter_id" IS NULL THEN NULL ELSE concat(', ', "meter_id") END, ` +
      `CASE WHEN "city" IS NULL THEN NULL ELSE concat(', ', "city") END), 3)`,
    "substring(concat_ws('', CASE WHEN `meter_id` IS NULL THEN NULL ELSE concat_ws('', ', ', `meter_id`) END, " +
      "CASE WHEN `city` IS NULL THEN NULL ELSE concat_ws('', ', ', `city`) END), 3)",
    'string',
  ],
  [
    "quality = null ? 'unknown' : quality",
    `CASE WHEN ("quality" IS NULL) THEN 'unknown' ELSE "quality" END`,
    "CASE WHEN (`quality` IS NULL) THEN 'unknown' ELSE `quality` END",
    'string',
  ],
  ['$replace(city, "St.", "Street")', `replace("city", 'St.', 'Street')`, "replace(`city`, 'St.', 'Street')", 'string'],
  [
    '$number(premise_house_num) > 100',
    `(TRY_CAST("premise_house_num" AS DOUBLE) > 100)`,
    '(try_cast(`premise_house_num` AS DOUBLE) > 100)',
    'boolean',
  ],
  [
    'value ?? 0',
    `CASE WHEN ("value" IS NOT NULL) THEN "value" ELSE CAST(0 AS DOUBLE) END`,
    'CASE WHEN (`value` IS NOT NULL) THEN `value` ELSE CAST(0 AS DOUBLE) END',
    'double',
  ],
  ['$length(city) % 2', `(length("city") % 2)`, '(char_length(`city`) % 2)', 'bigint'],
  [
    'status = "A" or $not($exists(city))',
    `(("status" = 'A') OR (NOT ("city" IS NOT NULL)))`,
    "((`status` = 'A') OR (NOT (`city` IS NOT NULL)))",
    'boolean',
  ],
];

describe('golden SQL per dialect', () => {
  for (const [expr, duck, spark, type] of GOLDEN) {
    it(expr, () => {
      const d = compileExpression(expr, scopeFor(duckdbDialect), duckdbDialect);
      const s = compileExpression(expr, scopeFor(sparkDialect), sparkDialect);
      expect(d).toMatchObject({ ok: true, sql: duck, type });
      expect(s).toMatchObject({ ok: true, sql: spark, type });
    });
  }

  it('lists the columns read, distinct, in order of first use', () => {
    const r = compileExpression('city & meter_id & city & $string(channel)', scopeFor(duckdbDialect), duckdbDialect);
    expect(r).toMatchObject({ ok: true, columns: ['city', 'meter_id', 'channel'] });
  });

  it('builds identifiers only through scope.ref', () => {
    const scope = { columns: new Map([['x', 'string' as const]]), ref: (n: string) => `t.${duckdbDialect.quoteIdent(n)}` };
    expect(compileExpression('$lowercase(x)', scope, duckdbDialect)).toMatchObject({ sql: 'lower(t."x")' });
  });

  it('widens two 32-bit integers before + - * so they cannot overflow', () => {
    const r = compileExpression('2000000000 * 2', scopeFor(duckdbDialect), duckdbDialect);
    expect(r).toMatchObject({ ok: true, sql: '(CAST(2000000000 AS BIGINT) * 2)', type: 'bigint' });
  });

  it('keeps a space in a double negation so it never becomes an SQL comment', () => {
    const r = compileExpression('-(-value)', scopeFor(duckdbDialect), duckdbDialect);
    expect(r).toMatchObject({ ok: true, sql: '(-(-"value"))' });
    const lit = compileExpression('-(-5)', scopeFor(duckdbDialect), duckdbDialect);
    expect(lit).toMatchObject({ ok: true, sql: '(- -5)' });
  });

  it('unifies mixed conditional branches as strings, numbers as the wider number', () => {
    const mixed = compileExpression('value > 1 ? value : "low"', scopeFor(duckdbDialect), duckdbDialect);
    expect(mixed).toMatchObject({ ok: true, type: 'string', sql: `CASE WHEN ("value" > 1) THEN CAST("value" AS VARCHAR) ELSE 'low' END` });
    const nums = compileExpression('value > 1 ? channel : value', scopeFor(duckdbDialect), duckdbDialect);
    expect(nums).toMatchObject({ ok: true, type: 'double' });
    const noElse = compileExpression('value > 1 ? channel', scopeFor(duckdbDialect), duckdbDialect);
    expect(noElse).toMatchObject({ ok: true, type: 'bigint', sql: `CASE WHEN ("value" > 1) THEN "channel" ELSE NULL END` });
  });
});

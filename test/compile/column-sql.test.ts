import { describe, expect, test } from 'vitest';
import { columnSql, ref } from '../../engine/compile/column-sql.ts';
import { duckdbDialect as d } from '../../engine/sql/duckdb-dialect.ts';
import type { ColumnPlan } from '../../engine/plan/types.ts';
import { withDuckDb } from '../helpers/duckdb.ts';

const TEXTS = [
  '900', '-12', '0', '0900', '+5', ' 7 ', '7.0', '7.5', '1e3', '1_000', '9223372036854775808', '3000000000', 'x', '',
];

/** The typed value of column `c` over the text `x`, through the convert's layers. */
function typedOver(c: ColumnPlan, values: string): string {
  const s = columnSql(d, c, d.quoteIdent);
  const q = (k: keyof typeof ref) => d.quoteIdent(ref[k](c.name));
  const l1 = `SELECT *, ${s.raw} AS ${q('raw')} FROM (VALUES ${values}) v(i, x)`;
  const l2 = `SELECT *, ${s.text} AS ${q('text')} FROM (${l1})`;
  const l3 = `SELECT *, ${s.local ?? 'NULL'} AS ${q('local')} FROM (${l2})`;
  return `SELECT i, x, ${s.typed} AS typed FROM (${l3}) ORDER BY i`;
}

describe('integer columns', () => {
  for (const type of ['bigint', 'integer'] as const) {
    test(`${type}: the integer's own text is taken without the pattern; other text as the pattern says`, async () => {
      const value = { kind: 'source', column: 'x' } as const;
      const c: ColumnPlan = { name: 'n', type, required: false, value, reads: ['x'], path: 'n' };
      const values = [...TEXTS.map((t) => d.string(t)), 'NULL'].map((v, i) => `(${i}, ${v})`).join(', ');
      const pattern = `regexp_matches(x, '^\\s*[+-]?\\d+(\\.0*)?\\s*$')`;
      const was = `CASE WHEN ${pattern} THEN TRY_CAST(x AS ${type.toUpperCase()}) END`;
      const sql = `SELECT t.*, ${was} AS was FROM (${typedOver(c, values)}) t ORDER BY i`;
      const rows = await withDuckDb(({ query }) => query(sql));
      expect(rows.map((r) => r.typed)).toEqual(rows.map((r) => r.was));
      expect(rows.slice(0, 3).map((r) => r.typed)).toEqual([900, -12, 0]);
    });
  }
});

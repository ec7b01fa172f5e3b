import { describe, expect, test } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { disagreeSql, varyingColumns } from '../../engine/compile/conflicts-sql.ts';
import { duckdbDialect as d } from '../../engine/sql/duckdb-dialect.ts';
import type { SqlType } from '../../engine/sql/dialect.ts';
import type { TablePlan } from '../../engine/plan/types.ts';
import { withDuckDb } from '../helpers/duckdb.ts';

const intervals = () => readMapping('mappings/utility2.yaml').plan!.tables.find((t) => t.table === 'intervals')!;

/** A table whose key is `k` and whose one content column `c` has the given type. */
const oneColumn = (type: SqlType): TablePlan => ({
  ...intervals(),
  columns: [
    { name: 'k', type: 'string', required: true, value: { kind: 'source', column: 'K' }, reads: ['K'], path: 'k' },
    { name: 'c', type, required: false, value: { kind: 'source', column: 'C' }, reads: ['C'], path: 'c' },
  ],
  dedupe: { key: ['k'], keep: 'quarantine', orderBy: [] },
});

describe('conflicting duplicates', () => {
  test('only columns that can differ within a key are compared (constants and copies of the key are not)', () => {
    expect(varyingColumns(intervals()).map((c) => c.name)).toEqual(['value', 'quality_raw']);
  });

  test('rows disagree exactly when their content texts differ: NULL against a value, -0 against 0', async () => {
    const groups: [SqlType, string[]][] = [
      ['double', ['1.5', '1.5']], ['double', ['1.5', '2.5']], ['double', ['0.0', '-0.0']], ['double', ['-0.0', '-0.0']],
      ['double', ['NULL', '1.0']], ['double', ['NULL', 'NULL']], ['double', ['0.0', 'NULL', '0.0']],
      ['string', [`'a'`, `'a'`]], ['string', [`'a'`, `'A'`]], ['string', [`'a'`, 'NULL']], ['bigint', ['3', '3', '4']],
    ];
    const sql = groups.map(([type, values], g) => {
      const t = oneColumn(type);
      // Numbers from text: the literal -0.0 is the negation of the decimal 0.0, which is 0.
      const cast = (v: string) => (type === 'string' || v === 'NULL' ? v : `'${v}'`);
      const sqlType = type === 'string' ? 'VARCHAR' : type.toUpperCase();
      const rows = values.map((v) => `(${g}, CAST(${cast(v)} AS ${sqlType}))`);
      const text = `CAST(to_json({'c': x.c}) AS VARCHAR)`;
      const old = `min(${text}) <> max(${text})`;
      const from = `(VALUES ${rows.join(', ')}) x(k, c)`;
      return `SELECT ${g} AS g, ${disagreeSql(d, t, 'x')} AS now, ${old} AS was FROM ${from}`;
    });
    const rows = await withDuckDb(({ query }) => query(`${sql.join(' UNION ALL ')} ORDER BY g`));
    expect(rows.map((r) => r.now)).toEqual(rows.map((r) => r.was));
    expect(rows.map((r) => r.now)).toEqual([false, true, true, false, true, false, true, false, true, true, true]);
  });
});

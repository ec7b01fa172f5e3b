import { describe, expect, test } from 'vitest';
import { duckdbDialect as d } from '../../engine/sql/duckdb-dialect.ts';
import { instantSql, localSql, shapeSql } from '../../engine/sql/timestamp-sql.ts';
import type { TimestampPlan } from '../../engine/plan/types.ts';
import { withDuckDb } from '../helpers/duckdb.ts';

// Text near the exact ISO shape with an offset: it, its neighbours that are local or broken, and NULL.
const TEXTS = [
  '2025-02-11T03:30:00-05:00', '2025-02-11 03:30:00+05:30', '2025-02-11T03:30:00Z',
  '2025-02-11T03:30:00.25-05:00', '2025-02-11T03:30:00z', '2025-02-11T03:30:00+0500',
  '2025-02-11T03:30:00+05', '2025-02-11T03:30-05:00', '2025-02-11T03:30:00', '2025-02-11 03:30',
  '2025-02-11', '2025-02-30T03:30:00-05:00', '2025-13-11T03:30:00-05:00', '2025-02-11T25:30:00-05:00',
  '2025-02-11T03:30:00-25:00', '2025-2-11T03:30:00-05:00', '2025-02-11T 3:30:00-05:00',
  ' 2025-02-11T03:30:00-05:00', '2025-02-11T03:30:00-05:00 ', '2025-02-11T03:30:00 -05:00',
  'x2025-02-11T03:30:00-05:00', '2025-11-02T01:30:00', '2025-03-09T02:30:00', '20250211T033000Z', 'null',
];

describe('ISO 8601 timestamps: the exact shape first', () => {
  for (const policy of [
    { ambiguous: 'earlier', nonexistent: 'shift_forward' },
    { ambiguous: 'reject', nonexistent: 'reject' },
  ] as const) {
    const name = `${policy.ambiguous}, ${policy.nonexistent}`;
    test(`gives the local value and instant of the general patterns (${name})`, async () => {
      const ts: TimestampPlan = { format: 'iso8601', zone: 'America/New_York', ...policy };
      const x = 'x';
      const shaped = `${instantSql(d, ts, x, localSql(d, ts, x))} AS shaped, ${localSql(d, ts, x)} AS shaped_local`;
      const general = localSql(d, ts, x, 'FALSE')!;
      const plain = `${instantSql(d, ts, x, general, undefined, 'FALSE')} AS general, ${general} AS general_local`;
      const values = [...TEXTS.map((s) => d.string(s)), 'NULL'].map((v, i) => `(${i}, ${v})`).join(', ');
      const from = `(VALUES ${values}) t(i, x)`;
      const sql = `SELECT i, x, ${shapeSql(d, ts, x)} AS shape, ${shaped}, ${plain} FROM ${from} ORDER BY i`;
      const rows = await withDuckDb(({ query }) => query(sql));
      for (const r of rows) expect([r.x, r.shaped, r.shaped_local]).toEqual([r.x, r.general, r.general_local]);
      // the shape is taken by the common text only
      const exact = TEXTS.filter((_, i) => [0, 1, 2, 3, 11, 12, 13, 14].includes(i));
      expect(rows.filter((r) => r.shape).map((r) => r.x)).toEqual(exact);
      expect(rows.filter((r) => r.shaped !== null).length).toBeGreaterThan(5);
    });
  }
});

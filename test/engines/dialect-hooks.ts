import { expect } from 'vitest';
import { openEngine, type EngineKind } from '../../engine/engines/open-engine.ts';
import type { Dialect } from '../../engine/sql/dialect.ts';
import { instantSql, localSql } from '../../engine/sql/timestamp-sql.ts';
import type { TimestampPlan } from '../../engine/plan/types.ts';
import { sparkOptions } from './spark-setup.ts';

/**
 * The dialect hooks where Spark's semantics differ from DuckDB's, each evaluated on both engines
 * over the same values: the answers must be equal (no tolerance). `sql(d)` builds a query in the
 * dialect `d` whose rows are compared as given (each query orders its rows).
 */
export async function sameOnBoth(sql: (d: Dialect) => string): Promise<{ duckdb: unknown[]; spark: unknown[] }> {
  const rows: Record<string, unknown[]> = {};
  for (const kind of ['duckdb', 'spark'] as EngineKind[]) {
    const engine = await openEngine(kind, kind === 'spark' ? sparkOptions : { threads: 1 });
    try {
      const got = await engine.query(sql(engine.dialect));
      const text = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
      rows[kind] = got.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, text(v)])));
    } finally {
      engine.close();
    }
  }
  expect(rows.spark).toEqual(rows.duckdb);
  return { duckdb: rows.duckdb, spark: rows.spark };
}

/** `SELECT … FROM (VALUES (0, v0), (1, v1), …) AS t(i, x) ORDER BY i`, with `x` as given SQL literals. */
export const overValues = (literals: string[], select: string) =>
  `SELECT i, ${select} FROM (VALUES ${literals.map((v, i) => `(${i}, ${v})`).join(', ')}) AS t(i, x) ORDER BY i`;

/** Doubles where Java's text and DuckDB's JSON differ (and some where they agree). */
export const DOUBLES = [
  '0.0', '-0.0', '0.1', '2.5', '100.0', '123.456', '1e-3', '1e-4', '1.5e-6', '1e-6', '1e-7', '-1.5e-7', '2.2250738585072014e-308',
  '1e7', '12345678.9', '-98765432.1', '1e15', '1.5e16', '123456789012345678', '1e20', '1.5e20', '1e21', '-1.5e21', '1e22',
  '1.5e300', '1.7976931348623157e308',
];

/** Instants with and without fractional seconds, NULL. */
export const INSTANTS = [
  '2025-01-22 09:15:00', '2025-01-22 09:15:00.5', '2025-01-22 09:15:00.123456', '2025-01-22 09:15:00.12', '1999-12-31 23:59:59.000001',
];

/** Local times around DST transitions: ambiguous, skipped, a repeated and a skipped midnight, half-hour shifts. */
export const DST_LOCALS: [string, string][] = [
  ['America/New_York', '2025-11-02 01:30:00'],
  ['America/New_York', '2025-11-02 00:59:00'],
  ['America/New_York', '2025-03-09 02:30:00'],
  ['America/New_York', '2025-03-09 03:00:00'],
  ['America/Havana', '2025-11-02 00:00:00'],
  ['America/Havana', '2025-03-09 00:00:00'],
  ['America/Havana', '2025-03-09 00:45:00'],
  ['Australia/Lord_Howe', '2025-04-06 01:45:00'],
  ['Australia/Lord_Howe', '2025-10-05 02:15:00'],
  ['Asia/Kolkata', '2025-03-09 00:15:00'],
  ['Europe/London', '2025-10-26 01:30:00'],
  ['Europe/London', '2025-03-30 01:30:00'],
];

/** The instant of each DST local time under one policy (iso8601 text, the zone of its row). */
export function dstInstants(d: Dialect, policy: Pick<TimestampPlan, 'ambiguous' | 'nonexistent'>): string {
  const rows = DST_LOCALS.map(([zone, local], i) => {
    const ts: TimestampPlan = { format: 'iso8601', zone, ...policy };
    const text = d.string(local);
    return `SELECT ${i} AS i, ${instantSql(d, ts, text, localSql(d, ts, text))} AS instant`;
  });
  return `SELECT * FROM (${rows.join(' UNION ALL ')}) u ORDER BY i`;
}

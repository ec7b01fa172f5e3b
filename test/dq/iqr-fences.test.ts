import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDuckDb } from '../../engine/engines/duckdb-engine.ts';
import type { Engine } from '../../engine/engines/engine.ts';
import { iqrFences } from '../../engine/dq/rule-sql.ts';

/**
 * The IQR fences are computed from counts of distinct values (bounded memory) and must equal the
 * fences from DuckDB's interpolated quantile aggregate, ties, NULLs and tiny groups included.
 */
describe('IQR fences from counts of distinct values', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openDuckDb({ threads: 2 });
    // Groups: many tied values, continuous values, one value, two values, only NULLs besides one.
    await engine.run(`CREATE TABLE v AS
      SELECT 'ties' AS g, CAST(hash(i) % 7 AS DOUBLE) AS value FROM range(10001) r(i)
      UNION ALL SELECT 'cont', (hash(i) % 1000003) / 997.0 FROM range(5000) r(i)
      UNION ALL SELECT 'one', 42.0
      UNION ALL SELECT 'two', 1.0 UNION ALL SELECT 'two', 4.0
      UNION ALL SELECT 'nulls', NULL FROM range(3) r(i)
      UNION ALL SELECT 'nulls', -2.5`);
  });
  afterAll(() => engine.close());

  for (const factor of [3, 10, 1.5]) {
    test(`per group, factor ${factor}`, async () => {
      const got = await engine.query<{ g: string; lo: number; hi: number }>(`SELECT * FROM (${iqrFences('value', ['g'], factor, 'SELECT * FROM v')}) ORDER BY g`);
      const want = await engine.query<{ g: string; lo: number; hi: number }>(
        `SELECT g, q1 - ${factor} * (q3 - q1) AS lo, q3 + ${factor} * (q3 - q1) AS hi FROM (SELECT g, quantile_cont(value, 0.25) AS q1, quantile_cont(value, 0.75) AS q3 FROM v GROUP BY g) ORDER BY g`,
      );
      expect(got.map((r) => r.g)).toEqual(['cont', 'nulls', 'one', 'ties', 'two']);
      for (const [i, w] of want.entries()) {
        expect(got[i].lo).toBeCloseTo(w.lo, 9);
        expect(got[i].hi).toBeCloseTo(w.hi, 9);
      }
    });
  }

  test('without groups', async () => {
    const [got] = await engine.query<{ lo: number; hi: number }>(iqrFences('value', [], 3, 'SELECT * FROM v'));
    const [want] = await engine.query<{ lo: number; hi: number }>(
      `SELECT q1 - 3 * (q3 - q1) AS lo, q3 + 3 * (q3 - q1) AS hi FROM (SELECT quantile_cont(value, 0.25) AS q1, quantile_cont(value, 0.75) AS q3 FROM v)`,
    );
    expect(got.lo).toBeCloseTo(want.lo, 9);
    expect(got.hi).toBeCloseTo(want.hi, 9);
  });
});

import { describe, expect, test } from 'vitest';
import { csv, expectResult, I_HEAD, mapping, METERS, SP, workspace } from './util.ts';

/** Each rule type on small fixtures whose failing rows are known line by line (run date 2025-03-01). */
const ROWS = [
  'M1,S1,c,2025-01-01T00:00:00Z,1,kWh,VAL', //   2
  'M1,S1,c,2025-01-01T00:15:00Z,2,kWh,VAL', //   3
  'M2,S2,c,2025-01-01T00:00:00Z,-1,kWh,VAL', //  4 negative
  'M2,,c,2025-01-01T00:15:00Z,3,kWh,', //        5 no service point, no quality
  'M3,S9,c,2025-01-01T00:00:00Z,4,kWh,BAD', //   6 orphan S9, quality BAD
  'M3,S9,c,2025-01-01T00:15:00Z,5,kVARh,VAL', // 7 orphan S9
  'M4,S8,c,2025-01-01T00:00:00Z,100,kWh,', //    8 orphan S8, no quality, > 50
  'M1,S1,c,1999-12-31T00:00:00Z,2,kWh,VAL', //   9 before 2000
  'M1,S1,c,2025-03-02T00:00:00Z,2,kWh,VAL', //  10 after the run date
  'M1,S1,c,2025-02-15T00:00:00Z,0,kWh,VAL', //  11
];

const RULES = `rules:
  - { table: intervals, type: not_null, columns: [meter_id] }
  - { table: intervals, type: not_null, columns: [service_point_id] }
  - { table: intervals, type: not_null, columns: [service_point_id, quality] }
  - { table: intervals, type: not_null, columns: [quality], before_dedupe: true }
  - { table: intervals, type: unique, columns: [service_point_id] }
  - { table: intervals, type: unique, columns: [quality] }
  - { table: intervals, type: relationship, columns: [service_point_id], to: { table: service_points }, severity: warn }
  - { name: orphans_with_nulls, table: intervals, type: relationship, columns: [service_point_id], to: { table: service_points, columns: [service_point_id] }, include_nulls: true }
  - { table: intervals, type: accepted_values, column: quality, values: [VAL] }
  - { table: intervals, type: range, column: value, min: 0, max: 50 }
  - { table: intervals, type: range, column: interval_start_ts, min: "2000-01-01", max: now }
  - { name: last_30_days, table: intervals, type: range, column: interval_start_ts, min: now - 30 days }
  - { table: intervals, type: expression, expr: "quality = 'VAL'" }
  - { name: m2_quality, table: intervals, type: not_null, columns: [quality], where: "meter_id = 'M2'" }
  - { name: other_only, table: intervals, type: not_null, columns: [quality], utilities: [OTHER] }
  - { name: t_only, table: intervals, type: not_null, columns: [quality], utilities: [T] }
  - { name: fresh_m2, table: intervals, type: freshness, column: interval_start_ts, max_age: 30 days, where: "meter_id = 'M2'" }
  - { name: fresh_all, table: intervals, type: freshness, column: interval_start_ts, max_age: 1 day }
  - { name: fresh_none, table: intervals, type: freshness, column: interval_start_ts, max_age: 1 day, where: "meter_id = 'NONE'" }
`;

describe('rule types', () => {
  test('row rules, scoping, freshness and derived names on one fixture', async () => {
    const ws = workspace({ 'mapping.yaml': mapping(), 'sp.csv': SP, 'm.csv': METERS, 'i.csv': csv(I_HEAD, ROWS) });
    const { rule, result } = await ws.run({ rules: RULES });
    const names = result.dq.results.map((r) => r.rule);
    expect(names).toEqual(
      expect.arrayContaining([
        'intervals__not_null__meter_id',
        'intervals__not_null__service_point_id__quality',
        'intervals__not_null__quality__before_dedupe',
        'intervals__unique__service_point_id',
        'intervals__relationship__service_point_id',
        'intervals__accepted_values__quality',
        'intervals__range__value',
        'intervals__range__interval_start_ts',
        'intervals__expression',
      ]),
    );
    expectResult(rule('intervals__not_null__meter_id'), { status: 'pass', failing: 0, total: 10 });
    expectResult(rule('intervals__not_null__service_point_id'), { status: 'error', failing: 1, total: 10 });
    // a row with both columns missing counts once
    expectResult(rule('intervals__not_null__service_point_id__quality'), { status: 'error', failing: 2, total: 10 });
    expectResult(rule('intervals__not_null__quality__before_dedupe'), { status: 'error', failing: 2, total: 10 });
    // S1 ×5 and S9 ×2 repeat; a missing value counts as a value (lines 5 and 8 repeat "no quality")
    expectResult(rule('intervals__unique__service_point_id'), { status: 'error', failing: 7, total: 10, distinctKeys: 2 });
    expectResult(rule('intervals__unique__quality'), { status: 'error', failing: 9, total: 10, distinctKeys: 2 });
    // orphans: S9 (2 rows) and S8 (1 row); a missing key is not an orphan unless include_nulls
    const rel = rule('intervals__relationship__service_point_id');
    expectResult(rel, { status: 'warn', failing: 3, total: 10, distinctKeys: 2 });
    expect(rel.sample).toEqual(['S8', 'S9']);
    const withNulls = rule('orphans_with_nulls');
    expectResult(withNulls, { status: 'error', failing: 4, total: 10, distinctKeys: 3 });
    expect(withNulls.sample).toEqual(['S8', 'S9', 'null']);
    // BAD fails; a missing quality is not checked by accepted_values
    expectResult(rule('intervals__accepted_values__quality'), { status: 'error', failing: 1, total: 10 });
    expectResult(rule('intervals__range__value'), { status: 'error', failing: 2, total: 10 });
    // before 2000-01-01 (line 9) and after now = the run date (line 10)
    expectResult(rule('intervals__range__interval_start_ts'), { status: 'error', failing: 2, total: 10 });
    // now - 30 days = 2025-01-30: lines 2–9 are older
    expectResult(rule('last_30_days'), { status: 'error', failing: 8, total: 10 });
    // a missing quality makes the expression null: failing (lines 5, 8), like BAD (line 6)
    const expr = rule('intervals__expression');
    expectResult(expr, { status: 'error', failing: 3, total: 10 });
    expect(expr.sample.map((k) => k.split('/').slice(0, 2).join('/'))).toEqual(['M2/c', 'M3/c', 'M4/c']); // key: meter/channel/start
    // where: only M2's two rows are in scope
    expectResult(rule('m2_quality'), { status: 'error', failing: 1, total: 2 });
    // utilities: a rule for a utility not in the run is not evaluated, and says so (skipped, with why)
    expect(result.dq.results.filter((r) => r.rule === 'other_only').map((r) => [r.utility, r.status, r.detail])).toEqual([
      ['OTHER', 'skipped', "utilities names 'OTHER', which is not among the utilities checked (T)"],
    ]);
    expectResult(rule('t_only'), { status: 'error', failing: 2, total: 10 });
    // freshness: one failing check when the latest timestamp is older than run date − max_age
    const stale = rule('fresh_m2');
    expectResult(stale, { status: 'error', failing: 1, total: 2 });
    expect(stale.detail).toBe('latest 2025-01-01 00:15:00+00');
    expectResult(rule('fresh_all'), { status: 'pass', failing: 0, total: 10 });
    const none = rule('fresh_none');
    expectResult(none, { status: 'error', failing: 1, total: 0 });
    expect(none.detail).toBe('latest none');
  });
});

import { describe, expect, test } from 'vitest';
import { csv, expectResult, I_HEAD, mapping, METERS, SP, workspace } from './util.ts';

/** Rule types that compare rows with each other or with earlier runs: duplicates, outliers, row_count. */
describe('rule types across rows', () => {
  test('duplicates: keys whose rows disagree before dedupe; identical duplicates do not count', async () => {
    const rows = [
      'M1,S1,c,2025-01-01T00:00:00Z,1,kWh,VAL', //  2 ┐ same value, other quality
      'M1,S1,c,2025-01-01T00:00:00Z,1,kWh,EST', //  3 ┘
      'M2,S2,c,2025-01-01T00:00:00Z,1,kWh,VAL', //  4 ┐ values disagree
      'M2,S2,c,2025-01-01T00:00:00Z,2,kWh,VAL', //  5 ┘
      'M3,S3,c,2025-01-01T00:00:00Z,5,kWh,VAL', //  6 ┐ values disagree (3 rows)
      'M3,S3,c,2025-01-01T00:00:00Z,5,kWh,VAL', //  7 │
      'M3,S3,c,2025-01-01T00:00:00Z,6,kWh,VAL', //  8 ┘
      'M4,S3,c,2025-01-01T00:00:00Z,7,kWh,VAL', //  9
      'M4,S3,c,2025-01-01T00:15:00Z,7,kWh,VAL', // 10 ┐ identical
      'M4,S3,c,2025-01-01T00:15:00Z,7,kWh,VAL', // 11 ┘
      'M1,S1,c,2025-01-01T00:15:00Z,3,kWh,VAL', // 12 ┐ quality given / missing
      'M1,S1,c,2025-01-01T00:15:00Z,3,kWh,', //    13 ┘
    ];
    const ws = workspace({ 'mapping.yaml': mapping({ dedupe: true }), 'sp.csv': SP, 'm.csv': METERS, 'i.csv': csv(I_HEAD, rows) });
    const key = 'columns: [meter_id, channel_raw, interval_start_ts]';
    const { rule, result } = await ws.run({
      rules: `rules:
  - { name: dup_values, table: intervals, type: duplicates, ${key}, compare: [value] }
  - { name: dup_any, table: intervals, type: duplicates, ${key} }
  - { table: intervals, type: unique, ${key} }
  - { table: intervals, type: unique, ${key}, before_dedupe: true }
`,
    });
    expect(result.accounts.find((a) => a.table === 'intervals')).toMatchObject({ read: 12, written: 6, deduplicated: 6 });
    expectResult(rule('dup_values'), { status: 'error', failing: 5, total: 12, distinctKeys: 2 });
    // default compare: every other mapped column, so quality differences count too
    expectResult(rule('dup_any'), { status: 'error', failing: 9, total: 12, distinctKeys: 4 });
    expectResult(rule('intervals__unique__meter_id__channel_raw__interval_start_ts'), { status: 'pass', failing: 0, total: 6 });
    expectResult(rule('intervals__unique__meter_id__channel_raw__interval_start_ts__before_dedupe'), { status: 'error', failing: 11, total: 12, distinctKeys: 5 });
  });

  test('duplicates: a key with a missing part is still one key, as for dedupe and unique', async () => {
    const rows = [
      'M1,S1,,2025-01-01T00:00:00Z,1,kWh,VAL', // 2 ┐ no channel: dedupe keeps one of the two values
      'M1,S1,,2025-01-01T00:00:00Z,2,kWh,VAL', // 3 ┘
      'M2,S2,c,2025-01-01T00:00:00Z,1,kWh,VAL', // 4 ┐
      'M2,S2,c,2025-01-01T00:00:00Z,2,kWh,VAL', // 5 ┘
    ];
    const ws = workspace({ 'mapping.yaml': mapping({ dedupe: true }), 'sp.csv': SP, 'm.csv': METERS, 'i.csv': csv(I_HEAD, rows) });
    const key = 'columns: [meter_id, channel_raw, interval_start_ts]';
    const { rule, result } = await ws.run({ rules: `rules:\n  - { name: dup_values, table: intervals, type: duplicates, ${key}, compare: [value] }\n  - { table: intervals, type: unique, ${key}, before_dedupe: true }\n` });
    expect(result.accounts.find((a) => a.table === 'intervals')).toMatchObject({ read: 4, written: 2, deduplicated: 2 });
    expectResult(rule('intervals__unique__meter_id__channel_raw__interval_start_ts__before_dedupe'), { status: 'error', failing: 4, total: 4, distinctKeys: 2 });
    expectResult(rule('dup_values'), { status: 'error', failing: 4, total: 4, distinctKeys: 2 });
  });

  test('outliers: iqr and zscore, with and without group_by', async () => {
    const values = [...[1, 2, 3, 4, 5, 6, 7, 8, 100].map((v) => [v, 'kWh']), ...[1000, 1001, 1002, 1003, 1004].map((v) => [v, 'kVARh'])];
    const rows = values.map(([v, u], i) => `M1,S1,c,2025-01-01T${String(i).padStart(2, '0')}:00:00Z,${v},${u},VAL`);
    const ws = workspace({ 'mapping.yaml': mapping(), 'sp.csv': SP, 'm.csv': METERS, 'i.csv': csv(I_HEAD, rows) });
    const { rule } = await ws.run({
      rules: `rules:
  - { name: iqr_all, table: intervals, type: outliers, column: value }
  - { name: iqr_unit, table: intervals, type: outliers, column: value, method: iqr, group_by: [unit] }
  - { name: z_all, table: intervals, type: outliers, column: value, method: zscore, factor: 2 }
  - { name: z_unit, table: intervals, type: outliers, column: value, method: zscore, factor: 2, group_by: [unit] }
  - { name: z_unit_default, table: intervals, type: outliers, column: value, method: zscore, group_by: [unit] }
`,
    });
    // all 14 values: Q1 4.25, Q3 1000.75 → fences far apart; per unit kWh: Q1 3, Q3 7 → 100 > 7 + 3 × 4
    expectResult(rule('iqr_all'), { status: 'pass', failing: 0, total: 14 });
    const iqr = rule('iqr_unit');
    expectResult(iqr, { status: 'error', failing: 1, total: 14 });
    expect(iqr.sample).toHaveLength(1);
    expect(iqr.sample[0]).toMatch(/^M1\/c\/2025-01-01.08:00/);
    // z of 100 among kWh is 2.66; among all values no z exceeds 1.3
    expectResult(rule('z_all'), { status: 'pass', failing: 0, total: 14 });
    expectResult(rule('z_unit'), { status: 'error', failing: 1, total: 14 });
    expectResult(rule('z_unit_default'), { status: 'pass', failing: 0, total: 14 });
  });

  test('row_count: min/max, and change_pct against the previous run in the same out folder', async () => {
    const ws = workspace({ 'mapping.yaml': mapping(), 'sp.csv': SP, 'm.csv': METERS });
    const rules = ws.rules(`rules:
  - { table: intervals, type: row_count, change_pct: 50 }
  - { name: bounds, table: intervals, type: row_count, min: 1, max: 5 }
`);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `M1,S1,c,2025-01-01T${String(i).padStart(2, '0')}:00:00Z,1,kWh,VAL`);
    const runWith = async (n: number) => {
      ws.write('i.csv', csv(I_HEAD, rows(n)));
      return ws.run({ rules });
    };
    let r = await runWith(10); // first run: nothing to compare with
    expectResult(r.rule('intervals__row_count'), { status: 'pass', failing: 0, total: 10 });
    expect(r.rule('intervals__row_count').detail).toBe('10 rows');
    expectResult(r.rule('bounds'), { status: 'error', failing: 1, total: 10 });
    r = await runWith(5); // −50 %: not more than 50
    expectResult(r.rule('intervals__row_count'), { status: 'pass', failing: 0, total: 5 });
    expectResult(r.rule('bounds'), { status: 'pass', failing: 0, total: 5 });
    r = await runWith(2); // −60 % against 5
    expectResult(r.rule('intervals__row_count'), { status: 'error', failing: 1, total: 2 });
    r = await runWith(0); // below min; the percentage of 0 rows is 0
    expectResult(r.rule('bounds'), { status: 'error', failing: 1, total: 0 });
  });
});

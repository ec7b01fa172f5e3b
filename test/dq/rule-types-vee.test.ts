import { describe, expect, test } from 'vitest';
import { readRules } from '../../engine/read/read-rules.ts';
import { expectResult, published, workspace } from './util.ts';
import { pseudonymOf } from '../../engine/util/pseudonym-of.ts';
import { ones, series, veeFiles } from './vee-fixtures.ts';

/** Meter-data validation (VEE) rule types: gaps, frozen, spike, limits. */
describe('VEE rule types', () => {
  test('gaps: reads per meter-day against the local day length (92/96/100 at 15 minutes), with the missing ranges', async () => {
    const rows = [
      // 2025-03-09, spring forward (23 h from 05:00Z, no 02:00–02:59): 92 slots, local 03:00, 03:15, 09:30 missing
      ...series('M1', 'c', '2025-03-09T05:00:00Z', 900, ones(92), [8, 9, 34]),
      // 2025-03-10: complete (96); 2025-03-11: no read at all; 2025-03-12 complete
      ...series('M1', 'c', '2025-03-10T04:00:00Z', 900, ones(96)),
      ...series('M1', 'c', '2025-03-12T04:00:00Z', 900, ones(96)),
      // 2025-11-02, fall back (25 h from 04:00Z): complete (100)
      ...series('M2', 'c', '2025-11-02T04:00:00Z', 900, ones(100)),
      // 2025-11-03: the first read and the last two missing
      ...series('M2', 'c', '2025-11-03T05:00:00Z', 900, ones(96), [0, 94, 95]),
      // hourly reads on the spring-forward day: 23 expected, all there
      ...series('M3', 'h', '2025-03-09T05:00:00Z', 3600, ones(23)),
    ];
    const rules = (threshold: string) => `rules:
  - { table: intervals, type: gaps, severity: warn }
  - { name: gaps_edge, table: intervals, type: gaps, error_if: "${threshold}" }
`;
    const ws = workspace(veeFiles(rows));
    const { rule, out } = await ws.run({ rules: rules('> 43%') });
    const gaps = rule('intervals__gaps');
    expectResult(gaps, { status: 'warn', failing: 3, total: 7, distinctKeys: 3 });
    expect(gaps.sample).toEqual([
      'M1/c/2025-03-09/3 of 92 missing: 03:00–03:15, 09:30',
      'M1/c/2025-03-11/96 of 96 missing: all day',
      'M2/c/2025-11-03/3 of 96 missing: 00:00, 23:30–23:45',
    ]);
    expectResult(rule('gaps_edge'), { status: 'pass', failing: 3, total: 7 }); // 3 of 7 is under 43 %
    // the meter-days are stored whole; at the external level their meter ids are pseudonyms
    const byDay = "json_extract_string(record, '$.local_date')";
    const stored = await published(out, 'dq', 'failures', "rule = 'intervals__gaps'", byDay);
    const key = Buffer.from(process.env.GRIDFLOW_PSEUDONYM_KEY!, 'utf8');
    const [m1, m2] = ['M1', 'M2'].map((m) => pseudonymOf(key, m));
    expect(stored.map((r) => [r.source_line, JSON.parse(r.record)])).toEqual([
      [null, expect.objectContaining({ meter_id: m1, local_date: '2025-03-09', present: 89, expected: 92 })],
      [null, expect.objectContaining({ meter_id: m1, local_date: '2025-03-11', present: 0, expected: 96 })],
      [null, expect.objectContaining({ meter_id: m2, local_date: '2025-11-03', present: 93, expected: 96 })],
    ]);
    const internal = await published(out, 'internal/dq', 'failures', "rule = 'intervals__gaps'", byDay);
    expect(internal.map((r) => JSON.parse(r.record).meter_id)).toEqual(['M1', 'M1', 'M2']);
    const edge = await workspace(veeFiles(rows)).run({ rules: rules('> 42%') });
    expectResult(edge.rule('gaps_edge'), { status: 'error', failing: 3, total: 7 });
  });

  test('frozen: runs of the same non-zero value on consecutive intervals, per meter and channel', async () => {
    const values = [1, 1, 1, 1, 2, 0, 0, 0, 0, 0, 3, 3, 3, 9, 3, 3, 5, 5, 5, 5, 5, 5];
    const rows = [
      ...series('M1', 'c', '2025-01-01T00:00:00Z', 900, values, [13]), // position 13 missing: 3,3,3 | 3,3
      ...series('M1', 'd', '2025-01-01T00:00:00Z', 900, [1, 1, 1, 1]), // its own channel: a run of 4
      ...series('M2', 'c', '2025-01-01T00:45:00Z', 900, [1, 1, 1]), // another meter: no run with M1's
    ];
    const ws = workspace(veeFiles(rows));
    const { rule } = await ws.run({
      rules: `rules:
  - { name: frozen_4, table: intervals, type: frozen, min_run: 4, severity: warn }
  - { name: frozen_3, table: intervals, type: frozen, min_run: 3, severity: warn }
  - { name: frozen_7, table: intervals, type: frozen, min_run: 7 }
`,
    });
    const total = 21 + 4 + 3;
    expectResult(rule('frozen_4'), { status: 'warn', failing: 4 + 6 + 4, total, distinctKeys: 3 });
    expect(rule('frozen_4').sample).toEqual([
      'M1/c/2025-01-01T00:00:00Z/4 reads of 1.0',
      'M1/c/2025-01-01T04:00:00Z/6 reads of 5.0',
      'M1/d/2025-01-01T00:00:00Z/4 reads of 1.0',
    ]);
    // the run of 3 before the gap counts at min_run 3, the 2 after it never; M2's 3 reads too
    expectResult(rule('frozen_3'), { status: 'warn', failing: 4 + 3 + 6 + 4 + 3, total, distinctKeys: 5 });
    expectResult(rule('frozen_7'), { status: 'pass', failing: 0, total });
  });

  test('frozen with spike in one series pass: a series with two reads in one slot still counts runs per value', async () => {
    const rows = [
      ...series('M1', 'c', '2025-01-01T00:00:00Z', 900, [5, 5, 5, 5]),
      'M1,S1,c,2025-01-01T00:05:00Z,7,kWh,VAL,900', // a misaligned read in the first read's slot
      ...series('M1', 'd', '2025-01-01T00:00:00Z', 900, [1, 1, 1, 1, 1, 30, 1]), // aligned: a run of 5, a spike
    ];
    const ws = workspace(veeFiles(rows));
    const { rule } = await ws.run({
      rules: `rules:
  - { name: frozen_4, table: intervals, type: frozen, min_run: 4, severity: warn }
  - { name: spike_10, table: intervals, type: spike, window: 1, factor: 10, severity: warn }
  - { name: frozen_6, table: intervals, type: frozen, min_run: 6, severity: warn }
`,
    });
    const total = 5 + 7;
    // the 7 between two 5s does not end their run: runs are per value (4 reads of 5), as without ties
    expectResult(rule('frozen_4'), { status: 'warn', failing: 4 + 5, total, distinctKeys: 2 });
    expect(rule('frozen_4').sample).toEqual(['M1/c/2025-01-01T00:00:00Z/4 reads of 5.0', 'M1/d/2025-01-01T00:00:00Z/5 reads of 1.0']);
    expectResult(rule('spike_10'), { status: 'warn', failing: 1, total });
    expect(rule('spike_10').sample).toEqual(['M1/d/2025-01-01T01:15:00Z/30.0 vs median 1.0']);
    expectResult(rule('frozen_6'), { status: 'pass', failing: 0, total });
  });

  test('spike: more than factor × the median of the neighbours by position; min_value; quarantine', async () => {
    const rows = [
      ...series('M1', 'c', '2025-01-01T00:00:00Z', 900, [1, 1, 1, 1, 20, 1, 1, 10, 1, 1, 1]), // 20 spikes; 10 is exactly 10 × 1
      ...series('M2', 'c', '2025-01-01T00:00:00Z', 900, [0, 0, 0, 0.5, 0, 0]), // 0.5 among zeros
      ...series('M3', 'c', '2025-01-01T00:00:00Z', 900, [1, 1, 30, 1], [1]), // a gap does not widen the window
    ];
    const ws = workspace(veeFiles(rows));
    const { rule, result } = await ws.run({
      rules: `rules:
  - { name: spike_all, table: intervals, type: spike, window: 2, factor: 10, severity: warn }
  - { name: spike_min, table: intervals, type: spike, window: 2, factor: 10, min_value: 1, severity: warn }
  - { name: spike_q, table: intervals, type: spike, window: 1, factor: 25, min_value: 1, action: quarantine }
`,
    });
    const total = 11 + 6 + 3;
    expectResult(rule('spike_all'), { status: 'warn', failing: 3, total });
    expect(rule('spike_all').sample).toEqual([
      'M1/c/2025-01-01T01:00:00Z/20.0 vs median 1.0',
      'M2/c/2025-01-01T00:45:00Z/0.5 vs median 0.0',
      'M3/c/2025-01-01T00:30:00Z/30.0 vs median 1.0',
    ]);
    expectResult(rule('spike_min'), { status: 'warn', failing: 2, total });
    // window 1: M1's 20 is 20 × its neighbours (not above 25), M3's 30 is 30 ×
    expect(rule('spike_q')).toMatchObject({ status: 'error', failing: 1, quarantined: 1 });
    expect(result.accounts.find((a) => a.table === 'intervals')).toMatchObject({ read: total, quarantined: 1, written: total - 1 });
  });

  test('limits: min/max per meter class (a meters column), a default for the others, bounds inclusive', async () => {
    const at = (m: string, v: number, k: number) => series(m, 'c', `2025-01-01T0${k}:00:00Z`, 900, [v]);
    const rows = [...at('M1', 0.5, 0), ...at('M1', 10, 1), ...at('M1', 10.5, 2), ...at('M1', -1, 3), ...at('M2', 50, 0), ...at('M2', 150, 1), ...at('M3', 100, 0), ...at('M9', 100, 0)];
    const limits = '{ RESIDENTIAL: { min: 0, max: 10 }, COMMERCIAL: { max: 100 } }';
    const ws = workspace(veeFiles(rows));
    const { rule } = await ws.run({
      rules: `rules:
  - { name: by_class, table: intervals, type: limits, meter_class: meter_category, limits: ${limits}, severity: warn }
  - { name: with_default, table: intervals, type: limits, meter_class: meter_category, limits: ${limits}, default: { max: 50 } }
`,
    });
    expectResult(rule('by_class'), { status: 'warn', failing: 3, total: 8 });
    expect(rule('by_class').sample).toEqual([
      'M1/c/2025-01-01T02:00:00Z/RESIDENTIAL: above max 10',
      'M1/c/2025-01-01T03:00:00Z/RESIDENTIAL: below min 0',
      'M2/c/2025-01-01T01:00:00Z/COMMERCIAL: above max 100',
    ]);
    // M3 has no class and M9 is not a known meter: the default's max 50 holds for both
    expectResult(rule('with_default'), { status: 'error', failing: 5, total: 8 });
  });

  test('option problems are diagnostics at their key: table, missing option, class column, a non-number, quarantine of gaps', () => {
    const ws = workspace();
    const file = ws.write(
      'vee-broken.yaml',
      `rules:
  - { table: meters, type: gaps }
  - { table: intervals, type: frozen }
  - { table: intervals, type: limits, meter_class: meter_categry, limits: { RESIDENTIAL: { max: 10 } } }
  - { table: intervals, type: spike, column: unit }
  - { table: intervals, type: gaps, action: quarantine }
`,
    );
    const { diagnostics } = readRules(file);
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.path, d.hint])).toEqual([
      ['rule-invalid', 2, 'rules[0].table', undefined],
      ['rule-missing-option', 3, 'rules[1]', undefined],
      ['rule-unknown-column', 4, 'rules[2].meter_class', "did you mean 'meter_category'?"],
      ['rule-invalid', 5, 'rules[3].column', undefined],
      ['rule-invalid', 6, 'rules[4].action', undefined],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "rule 'meters__gaps': gaps checks intervals, not meters",
      "rule 'intervals__frozen__value' of type frozen needs 'min_run'",
      "rule 'intervals__limits__value': 'meter_categry' is not a column of 'meters'",
      "rule 'intervals__spike__unit': spike checks a number, and 'unit' is string",
      "rule 'intervals__gaps': quarantine moves rows of a standardized table: it needs a row rule on one (not before_dedupe)",
    ]);
  });
});

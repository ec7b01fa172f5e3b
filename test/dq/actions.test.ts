import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DqFailure } from '../../engine/run/run-plans.ts';
import { cli } from '../helpers/cli.ts';
import { csv, fingerprint, I_HEAD, mapping, METERS, published, SP, workspace } from './util.ts';
import { leftovers, publishedDir } from '../helpers/published.ts';

const ROWS = [
  'M1,S1,c,2025-01-01T00:00:00Z,1,kWh,VAL', //  2 kept
  'M1,S1,c,2025-01-01T00:15:00Z,-5,kWh,VAL', // 3 negative
  'M2,S2,c,2025-01-01T00:00:00Z,2,kWh,VAL', //  4 deduplicated (line 5 wins)
  'M2,S2,c,2025-01-01T00:00:00Z,3,kWh,VAL', //  5 kept
  'M2,S2,c,2025-01-01T00:15:00Z,-7,kWh,VAL', // 6 negative
  'M3,S3,c,notadate,1,kWh,VAL', //              7 rejected
  'M3,S3,c,2025-01-01T00:00:00Z,4,kWh,EST', //  8 estimated
  'M3,S3,c,2025-01-01T00:15:00Z,-1,kWh,EST', // 9 negative and estimated: quarantined once, by the first rule
];
const files = () => ({ 'mapping.yaml': mapping({ dedupe: true }), 'sp.csv': SP, 'm.csv': METERS, 'i.csv': csv(I_HEAD, ROWS) });

describe('actions', () => {
  test('quarantine moves failing rows out of the standardized table and the stages, with rule, reason and lineage', async () => {
    const ws = workspace(files());
    const { result, rule, out } = await ws.run({
      rules: `rules:
  - { name: negative, table: intervals, type: range, column: value, min: 0, action: quarantine, severity: warn }
  - { name: estimated, table: intervals, type: accepted_values, column: quality, values: [VAL], action: quarantine, severity: warn }
`,
    });
    expect(rule('negative')).toMatchObject({ status: 'warn', action: 'quarantine', failing: 3, total: 6, quarantined: 3 });
    // evaluated after the first quarantine: its scope is the 3 rows left (lines 2, 5, 8)
    expect(rule('estimated')).toMatchObject({ status: 'warn', action: 'quarantine', failing: 1, total: 3, quarantined: 1 });
    const a = result.accounts.find((x) => x.table === 'intervals')!;
    expect(a).toMatchObject({ read: 8, written: 2, rejected: 1, filtered: 0, deduplicated: 1, quarantined: 4 });
    expect(a.read).toBe(a.written + a.rejected + a.filtered + a.deduplicated + a.quarantined);

    expect(readdirSync(path.join(publishedDir(out), 'internal', 'quarantine', 'intervals'))).toEqual(['utility_id=T']);
    const q = await published(out, 'quarantine', 'intervals', 'TRUE', 'source_line');
    expect(q.map((r) => [r.utility_id, r.table, r.rule, r.reason, path.basename(r.source_file), r.source_line])).toEqual([
      ['T', 'intervals', 'negative', 'negative: range on value', 'i.csv', 3],
      ['T', 'intervals', 'negative', 'negative: range on value', 'i.csv', 6],
      ['T', 'intervals', 'estimated', 'estimated: accepted_values on quality', 'i.csv', 8],
      ['T', 'intervals', 'negative', 'negative: range on value', 'i.csv', 9],
    ]);
    expect(JSON.parse(q[0].record)).toMatchObject({ meter_id: 'M1', value: -5, source_line: 3 });

    const lines = async (layer: string, table: string) => (await published(out, layer, table, 'TRUE', 'source_line')).map((r) => r.source_line);
    expect(await lines('standardized', 'intervals')).toEqual([2, 5]);
    expect(await lines('product', 'usage_interval_internal')).toEqual([2, 5]);
    const daily = await published(out, 'experience', 'usage_daily');
    expect(daily.reduce((s, r) => s + r.interval_count, 0)).toBe(2);
    expect(daily.reduce((s, r) => s + r.total_usage, 0)).toBe(4);
    expect(result.dq.rowCounts.filter((c) => c.table === 'intervals' || c.table === 'usage_interval').map((c) => c.rows)).toEqual([2, 2]);
  });

  test('fail: an error of a fail rule throws DqFailure and leaves the previous outputs byte-identical', async () => {
    const ws = workspace(files());
    await ws.run(); // a good earlier run
    const before = fingerprint(ws.out);
    expect(Object.keys(fingerprint(publishedDir(ws.out))).some((f) => f.startsWith('standardized/intervals/'))).toBe(true);
    const err = await ws.run({ rules: 'rules:\n  - { name: must_be_positive, table: intervals, type: range, column: value, min: 0, action: fail }\n' }).then(
      () => undefined,
      (e) => e,
    );
    expect(err).toBeInstanceOf(DqFailure);
    expect((err as DqFailure).rules).toEqual(['T/must_be_positive']);
    expect((err as DqFailure).report.results.find((r) => r.rule === 'must_be_positive')).toMatchObject({ status: 'error', failing: 3, total: 6 });
    expect(fingerprint(ws.out)).toEqual(before);
    expect(leftovers(ws.out)).toEqual([]);

    // a fail rule that only warns does not stop the run
    const warned = await ws.run({ rules: 'rules:\n  - { name: must_be_positive, table: intervals, type: range, column: value, min: 0, action: fail, severity: warn }\n' });
    expect(warned.rule('must_be_positive')).toMatchObject({ status: 'warn', failing: 3 });
    expect(fingerprint(ws.out)).not.toEqual(before);
  });

  test('fail through the CLI: exit 1, the snapshot on stdout, one dq-failed line on stderr, nothing published', async () => {
    const ws = workspace(files());
    await ws.run({ rules: 'rules:\n  - { table: intervals, type: row_count, min: 1 }\n' });
    const before = fingerprint(ws.out);
    expect(before['_dq/history.jsonl']).toBeDefined();
    const rules = ws.write('fail.yaml', 'rules:\n  - { name: must_be_positive, table: intervals, type: range, column: value, min: 0, action: fail }\n');
    const r = await cli('run', '-q', '--mapping', path.join(ws.dir, 'mapping.yaml'), '--rules', rules, '--out', ws.out, '--run-date', '2025-03-01');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Data quality snapshot');
    expect(r.out).toMatch(/ERROR\s+T\s+must_be_positive\s+3\s+50\.00%\s+\[fail\]/);
    expect(r.err.split('\n')).toEqual([
      'error [dq-failed] data-quality rule(s) with action fail ended in error: T/must_be_positive; nothing was published',
    ]);
    expect(fingerprint(ws.out)).toEqual(before); // history included: a failed run adds no line
  });

  test('report: failing rows are sampled to out/dq/failures, at most 100 per rule; quarantine keeps every row', async () => {
    const ts = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 900_000).toISOString();
    const rows = Array.from({ length: 200 }, (_, i) => `M1,S1,c,${ts(i)},${i < 150 ? -1 : 1},kWh,${i >= 197 ? '' : 'VAL'}`);
    const ws = workspace({ 'mapping.yaml': mapping(), 'sp.csv': SP, 'm.csv': METERS, 'i.csv': csv(I_HEAD, rows) });
    const { rule, out } = await ws.run({
      rules: `rules:
  - { name: many, table: intervals, type: range, column: value, min: 0, severity: warn }
  - { name: few, table: intervals, type: not_null, columns: [quality], severity: warn }
  - { name: moved, table: intervals, type: range, column: value, min: 0, action: quarantine, severity: warn }
`,
    });
    expect(rule('many')).toMatchObject({ failing: 150, total: 200 });
    expect(rule('moved')).toMatchObject({ failing: 150, quarantined: 150 });
    const failures = await published(out, 'dq', 'failures', 'TRUE', 'rule, source_line');
    const byRule = (name: string) => failures.filter((f) => f.rule === name);
    expect(byRule('many').map((f) => f.source_line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(byRule('few').map((f) => [f.status, f.table, f.utility_id, f.source_line])).toEqual([199, 200, 201].map((l) => ['warn', 'intervals', 'T', l]));
    expect(byRule('moved')).toHaveLength(100);
    expect(JSON.parse(byRule('many')[0].record)).toMatchObject({ value: -1, source_line: 2 });
    expect(await published(out, 'quarantine', 'intervals')).toHaveLength(150);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { historyFile } from '../../engine/dq/history.ts';
import type { DqReport } from '../../engine/dq/report.ts';
import { cli } from '../helpers/cli.ts';
import { csv, expectResult, I_HEAD, mapping, METERS, SP, workspace } from './util.ts';

const lines = (out: string) => readFileSync(historyFile(out), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const interval = (i: number, v: number) => `M1,S1,c,${new Date(Date.UTC(2025, 0, 1) + i * 900_000).toISOString()},${v},kWh,VAL`;

describe('history', () => {
  test('one line per rule (and utility) per run, in <out>/_dq/history.jsonl', async () => {
    const ws = workspace({ 'mapping.yaml': mapping(), 'sp.csv': SP, 'm.csv': METERS, 'i.csv': csv(I_HEAD, [interval(0, 1), interval(1, -1)]) });
    const rules = ws.rules(`rules:
  - { table: intervals, type: row_count, min: 1 }
  - { table: intervals, type: range, column: value, min: 0 }
  - { table: usage_daily, type: row_count, min: 1 }
`);
    const first = await ws.run({ rules });
    expect(historyFile(ws.out)).toBe(path.join(ws.out, '_dq', 'history.jsonl'));
    expect(lines(ws.out)).toEqual([
      { runId: first.result.runId, runDate: '2025-03-01T00:00:00.000Z', utility: 'T', rule: 'intervals__row_count', table: 'intervals', status: 'pass', failing: 0, total: 2 },
      { runId: first.result.runId, runDate: '2025-03-01T00:00:00.000Z', utility: 'T', rule: 'intervals__range__value', table: 'intervals', status: 'error', failing: 1, total: 2 },
      { runId: first.result.runId, runDate: '2025-03-01T00:00:00.000Z', utility: 'T', rule: 'usage_daily__row_count', table: 'usage_daily', status: 'pass', failing: 0, total: 1 },
    ]);
    const second = await ws.run({ rules });
    expect(second.result.runId).not.toBe(first.result.runId);
    const ids = [first, second].flatMap((r) => Array(3).fill(r.result.runId));
    expect(lines(ws.out).map((l) => l.runId)).toEqual(ids);
    expect(lines(ws.out).slice(3).map((l) => l.rule)).toEqual(lines(ws.out).slice(0, 3).map((l) => l.rule));
  });

  test('a spike (more than spike_factor × the previous failing count) turns a pass into warn', async () => {
    const ws = workspace({ 'mapping.yaml': mapping(), 'sp.csv': SP, 'm.csv': METERS });
    const rules = ws.rules('history: { spike_factor: 2 }\nrules:\n  - { name: negatives, table: intervals, type: range, column: value, min: 0, warn_if: "> 10" }\n');
    const runWith = async (negatives: number) => {
      ws.write('i.csv', csv(I_HEAD, Array.from({ length: 20 }, (_, i) => interval(i, i < negatives ? -1 : 1))));
      return (await ws.run({ rules })).rule('negatives');
    };
    expect(await runWith(2)).toMatchObject({ status: 'pass', failing: 2, previous: undefined, spike: undefined });
    expect(await runWith(4)).toMatchObject({ status: 'pass', failing: 4, previous: 2, spike: undefined }); // exactly 2×
    const spike = await runWith(9);
    expect(spike).toMatchObject({ status: 'warn', failing: 9, previous: 4, spike: true, detail: 'spike: 4 → 9 failing since the previous run' });
    expect(await runWith(0)).toMatchObject({ status: 'pass', failing: 0, previous: 9, spike: undefined });
    // after a clean run a rule is judged by its thresholds alone: 1 failing row is within "> 10"
    expect(await runWith(1)).toMatchObject({ status: 'pass', failing: 1, previous: 0, spike: undefined });
  });
});

describe('gridflow dq over published outputs', () => {
  const rows = ['M1,S1,c,2025-01-01T00:00:00Z,1,kWh,VAL', 'M1,S1,c,2025-01-01T00:00:00Z,2,kWh,VAL', 'M2,S9,c,2025-01-01T00:00:00Z,0,kWh,', 'M3,S2,c,2025-01-01T00:15:00Z,-1,kWh,EST', 'M5,S3,c,2025-01-02T00:00:00Z,7,kWh,VAL'];
  const RULES = `rules:
  - { table: intervals, type: row_count, min: 1, change_pct: 10 }
  - { table: intervals, type: relationship, columns: [meter_id], to: { table: meters }, severity: warn }
  - { table: intervals, type: relationship, columns: [service_point_id], to: { table: service_points }, include_nulls: true }
  - { table: intervals, type: duplicates, columns: [meter_id, channel_raw, interval_start_ts], compare: [value], severity: warn }
  - { table: intervals, type: expression, expr: "value != 0", warn_if: "> 0" }
  - { table: intervals, type: freshness, column: interval_start_ts, max_age: 30 days }
  - { table: usage_daily, type: row_count, min: 1 }
  - { table: usage_interval, type: not_null, columns: [service_point_id], severity: warn }
`;

  const setup = () => {
    const ws = workspace({ 'mapping.yaml': mapping({ dedupe: true, rules: '  - { name: mapping_rule, table: intervals, type: range, column: value, min: 0 }\n' }), 'sp.csv': SP, 'm.csv': METERS, 'i.csv': csv(I_HEAD, rows) });
    const args = ['--rules', ws.write('rules.yaml', RULES), '--out', ws.out, '--run-date', '2025-03-01', '--json'];
    return { ws, args, m: path.join(ws.dir, 'mapping.yaml') };
  };
  const pick = (r: DqReport) => r.results.map((x) => ({ utility: x.utility, rule: x.rule, status: x.status, failing: x.failing, total: x.total }));

  test('gridflow dq --json parses and matches gridflow run --json (rules before dedupe are skipped)', async () => {
    const { ws, args, m } = setup();
    const run = await cli('run', '-q', '--mapping', m, ...args);
    expect(run.code).toBe(1); // mapping_rule and the service point relationship end in error
    const ran = JSON.parse(run.out).dq as DqReport;
    const dq = await cli('dq', '--mapping', m, ...args);
    expect(dq.code).toBe(1);
    const checked = JSON.parse(dq.out) as DqReport;
    const dup = 'intervals__duplicates__meter_id__channel_raw__interval_start_ts';
    expect(ran.results.find((r) => r.rule === dup)).toMatchObject({ status: 'warn', failing: 2 });
    expect(checked.results.find((r) => r.rule === dup)).toMatchObject({ status: 'skipped', failing: 0, detail: 'intervals before dedupe is not available here' });
    const same = (r: DqReport) => pick(r).filter((x) => x.rule !== dup).sort((a, b) => a.rule.localeCompare(b.rule));
    expect(same(checked)).toEqual(same(ran));
    expect(same(ran).map((x) => [x.rule, x.status, x.failing, x.total])).toEqual([
      ['intervals__expression', 'warn', 1, 4],
      ['intervals__freshness__interval_start_ts', 'error', 1, 4],
      ['intervals__relationship__meter_id', 'warn', 1, 4],
      ['intervals__relationship__service_point_id', 'error', 1, 4],
      ['intervals__row_count', 'pass', 0, 4],
      ['mapping_rule', 'error', 1, 4],
      ['usage_daily__row_count', 'pass', 0, 4],
      ['usage_interval__not_null__service_point_id', 'pass', 0, 4],
    ]);
    expect(lines(ws.out)).toHaveLength(2 * 9); // the check is recorded in the history as well
  });

  // In a run, stage rules check the internal usage_interval (zip 10002); gridflow dq checks the published
  // usage_interval, which is the external access level (zip3: 100), so the same rule counts other rows.
  test('a rule on a masked column of usage_interval counts the same in gridflow dq as in the run', async () => {
    const { ws, args, m } = setup();
    ws.write('rules.yaml', 'rules:\n  - { name: zips, table: usage_interval, type: accepted_values, column: zip, values: ["10001"], severity: warn }\n');
    const ran = JSON.parse((await cli('run', '-q', '--mapping', m, ...args)).out).dq as DqReport;
    expectResult(ran.results.find((r) => r.rule === 'zips')!, { status: 'warn', failing: 2, total: 4 });
    const checked = JSON.parse((await cli('dq', ...args)).out) as DqReport;
    expect(pick(checked)).toEqual(pick(ran).filter((r) => r.rule === 'zips'));
  });
});

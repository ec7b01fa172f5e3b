import { describe, expect, test } from 'vitest';
import { quarantineReason } from '../../engine/compile/conflicts-sql.ts';
import { runPipeline } from '../helpers/pipeline.ts';
import { accounting, csv, doc, intervals, rejects, run } from './util.ts';

const meters = (dedupe: string) =>
  doc(`meters:
  source: m.csv
  dedupe: ${dedupe}
  columns:
    meter_id: id
    meter_type: type
    updated_at: { from: upd, format: iso8601 }
`);
const M = 'id,type,upd';
const rows = [
  'A,a1,2025-01-03T00:00:00Z', // 2
  'B,b1,2025-01-01T00:00:00Z', // 3
  'A,a2,2025-01-01T00:00:00Z', // 4
  'A,a3,', //                     5: no order value
  'B,b2,2025-01-02T00:00:00Z', // 6
  'C,c1,2025-01-01T00:00:00Z', // 7
  'C,c1,2025-01-01T00:00:00Z', // 8: an exact copy
];
const kept = async (p: Awaited<ReturnType<typeof run>>) =>
  (await p.rows('meters', { orderBy: 'meter_id' })).map((r) => [r.meter_id, r.meter_type, r.source_line]);

describe('dedupe conflicts', () => {
  test('exact duplicates and conflicting keys are counted apart; file order alone is an arbitrary pick (warned)', async () => {
    const p = await run(meters('{ key: [meter_id], keep: last }'), { 'm.csv': csv(M, rows) });
    expect(await kept(p)).toEqual([['A', 'a3', 5], ['B', 'b2', 6], ['C', 'c1', 8]]);
    const a = accounting(p, 'meters', { read: 7, written: 3, deduplicated: 4 });
    // without order_by, upd is content: the C copies agree on it, A and B do not
    expect(a.duplicates).toMatchObject({ policy: 'last in file order', repeatedKeys: 3, exactRows: 1, conflictKeys: 2, conflictRows: 5, arbitraryKeys: 2 });
    expect(a.duplicates!.warning).toBe(
      '2 key(s) of T meters have rows that disagree and keep: last has no order_by: the row kept is an arbitrary choice (add order_by, or keep: quarantine / max / min / fail)',
    );
  });

  test('keep: quarantine holds back every row of a conflicting key in the rejects; agreeing copies keep one row', async () => {
    const p = await run(meters('{ key: [meter_id], keep: quarantine }'), { 'm.csv': csv(M, rows) });
    expect(await kept(p)).toEqual([['C', 'c1', 8]]);
    const a = accounting(p, 'meters', { read: 7, written: 1, rejected: 5, deduplicated: 1, rejectedByReason: { [quarantineReason]: 5 } });
    expect(a.duplicates).toMatchObject({ conflictKeys: 2, conflictRows: 5, arbitraryKeys: 0 });
    expect(a.duplicates!.warning).toBeUndefined();
    const held = await rejects(p, 'meters');
    expect(held.map((r) => [r.source_line, JSON.parse(r.record).meter_type])).toEqual([[2, 'a1'], [3, 'b1'], [4, 'a2'], [5, 'a3'], [6, 'b2']]);
  });

  test('keep: max / min take the row with the highest / lowest order value; a null order value loses', async () => {
    const max = await run(meters('{ key: [meter_id], keep: max, order_by: updated_at }'), { 'm.csv': csv(M, rows) });
    expect(await kept(max)).toEqual([['A', 'a1', 2], ['B', 'b2', 6], ['C', 'c1', 8]]);
    const a = accounting(max, 'meters', { written: 3, deduplicated: 4 });
    expect(a.duplicates).toMatchObject({ policy: 'row with the max updated_at', exactRows: 1, conflictKeys: 2, arbitraryKeys: 0 });
    const min = await run(meters('{ key: [meter_id], keep: min, order_by: updated_at }'), { 'm.csv': csv(M, rows) });
    expect(await kept(min)).toEqual([['A', 'a2', 4], ['B', 'b1', 3], ['C', 'c1', 7]]);
  });

  test('a tie on order_by between rows that disagree is an arbitrary pick', async () => {
    const tie = ['A,a1,2025-01-03T00:00:00Z', 'A,a2,2025-01-03T00:00:00Z', 'B,b1,2025-01-01T00:00:00Z', 'B,b2,2025-01-02T00:00:00Z'];
    const p = await run(meters('{ key: [meter_id], keep: last, order_by: updated_at }'), { 'm.csv': csv(M, tie) });
    const a = accounting(p, 'meters', { written: 2 });
    expect(a.duplicates).toMatchObject({ conflictKeys: 2, arbitraryKeys: 1 });
    expect(a.duplicates!.warning).toMatch(/^1 key\(s\) of T meters have rows that disagree and tie on updated_at/);
  });

  test('keep: max needs exactly one order_by column', async () => {
    const p = await runPipeline(meters('{ key: [meter_id], keep: max }'), { 'm.csv': csv(M, rows) });
    expect(p.diagnostics.map((d) => [d.code, d.path])).toEqual([['dedupe-order-needed', 'meters.dedupe.keep']]);
  });

  test('an intervals key without channel_raw that omits a mapped direction is a warning', async () => {
    const i = intervals({ direction: '{ from: d, map: { D: delivered, R: received } }' }, '  dedupe: { key: [meter_id, interval_start_ts] }\n');
    const p = await runPipeline(doc(i), { 'i.csv': csv('m,ts,v,d', ['M1,2025-01-22T10:00:00Z,1,D', 'M1,2025-01-22T10:00:00Z,2,R']) });
    expect(p.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['interval-key-direction', 'warning', 'intervals.dedupe.key']]);
    expect(p.diagnostics[0].message).toContain('omits direction, which the mapping maps');
    const ok = await runPipeline(doc(intervals({ direction: '{ from: d, map: { D: delivered, R: received } }' }, '  dedupe: { key: [meter_id, direction, interval_start_ts] }\n')), {
      'i.csv': csv('m,ts,v,d', ['M1,2025-01-22T10:00:00Z,1,D', 'M1,2025-01-22T10:00:00Z,2,R']),
    });
    expect(ok.diagnostics).toEqual([]);
    expect(ok.account('intervals')).toMatchObject({ written: 2, deduplicated: 0 });
  });
});

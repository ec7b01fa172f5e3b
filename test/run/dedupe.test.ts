import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { runPlans } from '../../engine/run/run-plans.ts';
import { DiagnosticError } from '../../engine/diagnostics/diagnostic.ts';
import { tempDir } from '../helpers/tmp.ts';
import { accounting, csv, doc, rejects, run } from './util.ts';
import { leftovers, publishedDir } from '../helpers/published.ts';

const meters = (extra: string) =>
  doc(`meters:
  source: m.csv
${extra}  columns:
    meter_id: id
    meter_status: status
    meter_type: type
    updated_at: { from: upd, format: iso8601 }
`);
const M = 'id,status,type,upd';
const rows = [
  'A,Active,a1,2025-01-03T00:00:00Z', // 2
  'B,Active,b1,2025-01-01T00:00:00Z', // 3
  'A,Active,a2,2025-01-01T00:00:00Z', // 4
  'A,Active,a3,', //                     5: no order value
  'B,Active,b2,2025-01-02T00:00:00Z', // 6
  'C,Active,c1,2025-01-01T00:00:00Z', // 7
];
const kept = async (p: Awaited<ReturnType<typeof run>>) =>
  (await p.rows('meters', { orderBy: 'meter_id' })).map((r) => [r.meter_id, r.meter_type, r.source_line]);

describe('dedupe', () => {
  test('keep: last (the default) keeps the last row of the file', async () => {
    for (const keep of ['keep: last', '']) {
      const p = await run(meters(`  dedupe: { key: [meter_id]${keep ? ', ' + keep : ''} }\n`), { 'm.csv': csv(M, rows) });
      expect(await kept(p)).toEqual([['A', 'a3', 5], ['B', 'b2', 6], ['C', 'c1', 7]]);
      accounting(p, 'meters', { read: 6, written: 3, rejected: 0, filtered: 0, deduplicated: 3 });
    }
  });

  test('keep: first keeps the first row of the file', async () => {
    const p = await run(meters('  dedupe: { key: [meter_id], keep: first }\n'), { 'm.csv': csv(M, rows) });
    expect(await kept(p)).toEqual([['A', 'a1', 2], ['B', 'b1', 3], ['C', 'c1', 7]]);
    accounting(p, 'meters', { read: 6, written: 3, deduplicated: 3 });
  });

  test('keep: last with order_by keeps the greatest order value; NULL order values lose', async () => {
    const p = await run(meters('  dedupe: { key: [meter_id], keep: last, order_by: updated_at }\n'), { 'm.csv': csv(M, rows) });
    expect(await kept(p)).toEqual([['A', 'a1', 2], ['B', 'b2', 6], ['C', 'c1', 7]]);
    accounting(p, 'meters', { read: 6, written: 3, deduplicated: 3 });
  });

  test('order_by ties fall back to file order', async () => {
    const tie = ['A,Active,x1,2025-01-05T00:00:00Z', 'A,Active,x2,2025-01-05T00:00:00Z', 'A,Active,x0,2025-01-04T00:00:00Z'];
    const last = await run(meters('  dedupe: { key: [meter_id], keep: last, order_by: [updated_at] }\n'), { 'm.csv': csv(M, tie) });
    expect(await kept(last)).toEqual([['A', 'x2', 3]]);
    const first = await run(meters('  dedupe: { key: [meter_id], keep: first, order_by: [updated_at] }\n'), { 'm.csv': csv(M, tie) });
    expect(await kept(first)).toEqual([['A', 'x0', 4]]);
  });

  test('a multi-column key; rejected rows take no part in dedupe', async () => {
    const p = await run(meters('  dedupe: { key: [meter_id, meter_type] }\n'), {
      'm.csv': csv(M, ['A,Active,t,2025-01-01T00:00:00Z', 'A,Retired,u,2025-01-01T00:00:00Z', 'A,Spare,t,2025-01-01T00:00:00Z', 'A,Bad,t,notadate']),
    });
    expect((await p.rows('meters', { orderBy: 'source_line' })).map((r) => [r.meter_type, r.meter_status])).toEqual([['u', 'Retired'], ['t', 'Spare']]);
    expect((await rejects(p, 'meters')).map((r) => [r.source_line, r.reason])).toEqual([[5, 'updated_at: not a valid timestamp (iso8601)']]);
    accounting(p, 'meters', { read: 4, written: 2, rejected: 1, deduplicated: 1 });
  });

  test('keep: fail with duplicates fails the run with dedupe-conflict and publishes nothing', async () => {
    const t = tempDir();
    t.write('m.csv', csv(M, rows));
    const { plan, diagnostics } = readMapping(t.write('mapping.yaml', meters('  dedupe: { key: [meter_id], keep: fail }\n')));
    expect(diagnostics).toEqual([]);
    const outDir = path.join(t.dir, 'out');
    const err = await runPlans([plan!], { outDir, engine: { threads: 2 } }).then(
      () => undefined,
      (e) => e,
    );
    expect(err).toBeInstanceOf(DiagnosticError);
    const d = (err as DiagnosticError).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'dedupe-conflict', severity: 'error' });
    expect(d[0].message).toBe(`2 duplicate key(s) in 'T/meters' on (meter_id) and dedupe says keep: fail; first: {"meter_id":"A","n":3}`);
    expect(existsSync(publishedDir(outDir))).toBe(false);
    expect(leftovers(outDir)).toEqual([]);
  });

  test('keep: fail without duplicates runs normally', async () => {
    const p = await run(meters('  dedupe: { key: [meter_id], keep: fail }\n'), { 'm.csv': csv(M, [rows[0], rows[1]]) });
    expect(await kept(p)).toEqual([['A', 'a1', 2], ['B', 'b1', 3]]);
    accounting(p, 'meters', { read: 2, written: 2, deduplicated: 0 });
  });
});

describe('filter', () => {
  const data = csv(M, [
    'A,Active,a,', //   2
    'B,Retired,b,', //  3 filtered
    'C,,c,', //         4 NULL status: the filter is NULL → dropped
    'D,Spare,d,', //    5
    'D,Retired,d2,', // 6 filtered, so D keeps line 5
    'E,Active,e,x', //  7 rejected
  ]);

  test("filtered rows are counted, a NULL predicate drops the row, and filtering happens before dedupe", async () => {
    const p = await run(meters(`  filter: "meter_status != 'Retired'"\n  dedupe: { key: [meter_id] }\n`), { 'm.csv': data });
    expect(await kept(p)).toEqual([['A', 'a', 2], ['D', 'd', 5]]);
    expect((await rejects(p, 'meters')).map((r) => r.source_line)).toEqual([7]);
    accounting(p, 'meters', { read: 6, written: 2, rejected: 1, filtered: 3, deduplicated: 0 });
  });

  test('a filter on a typed column', async () => {
    const p = await run(meters(`  filter: "updated_at >= '2025-01-02T00:00:00Z'"\n`), { 'm.csv': csv(M, rows) });
    expect(await kept(p)).toEqual([['A', 'a1', 2], ['B', 'b2', 6]]);
    accounting(p, 'meters', { read: 6, written: 2, filtered: 4 });
  });
});

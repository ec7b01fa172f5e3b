import { describe, expect, test } from 'vitest';
import { runPipeline } from '../helpers/pipeline.ts';
import { CoverageFailure } from '../../engine/run/run-plans.ts';
import { DiagnosticError } from '../../engine/diagnostics/diagnostic.ts';
import { accounting, csv, doc, intervals, rejects, run } from './util.ts';

/** Reading CSV files: what the engine's reader loses or misreads is found by the run's own line count. */
const TS = '2025-01-22T10:00:00Z';
const sp = (source = 's.csv') =>
  `service_points:\n  source: ${source}\n  columns:\n    service_point_id: id\n    zip: zip\n    state: st\n`;

describe('rows the reader would misread', () => {
  test('a row with more fields than the header is rejected, even when the extra fields are empty', async () => {
    const p = await run(doc(sp()), {
      's.csv': csv('id,zip,st', ['P1,12207,NY', 'P2,ALBANY,12207,', 'P3,"1,2",NY,,', 'P4,12208,', 'P5,12209,NY']),
    });
    expect(
      (await rejects(p, 'service_points')).map((r) => [r.source_line, r.reason, JSON.parse(r.record).csv_line]),
    ).toEqual([
      [3, 'malformed row: too many columns', 'P2,ALBANY,12207,'],
      [4, 'malformed row: too many columns', 'P3,"1,2",NY,,'],
    ]);
    // A trailing empty field that is the last column is a field, not an extra one.
    expect((await p.rows('service_points')).map((r) => [r.source_line, r.service_point_id, r.state])).toEqual([
      [2, 'P1', 'NY'],
      [5, 'P4', null],
      [6, 'P5', 'NY'],
    ]);
    accounting(p, 'service_points', { read: 5, written: 3, rejected: 2 });
  });

  test('NaN, infinities and values from 1e29 on are rejected with their reason; the run goes on', async () => {
    const values = ['NaN', 'Infinity', '-inf', '1e309', '1e29', '-2.5e30', '9.9e28', '1.5'];
    const p = await run(doc(intervals({})), {
      'i.csv': csv(
        'm,ts,v',
        values.map((v, i) => `M${i},${TS},${v}`),
      ),
    });
    expect((await rejects(p)).map((r) => [r.source_line, r.reason])).toEqual([
      [2, 'value: not a finite number'],
      [3, 'value: not a finite number'],
      [4, 'value: not a finite number'],
      [5, 'value: not a finite number'],
      [6, 'value: out of range (|value| ≥ 1e29)'],
      [7, 'value: out of range (|value| ≥ 1e29)'],
    ]);
    expect((await p.rows('intervals')).map((r) => r.value)).toEqual([9.9e28, 1.5]);
    accounting(p, 'intervals', { read: 8, written: 2, rejected: 6 });
  });

  test('empty lines are not rows, and the rows after them keep their line numbers', async () => {
    const p = await run(doc(sp()), { 's.csv': 'id,zip,st\nP1,1,NY\n\nP2,2,NY\n\n\nP4,4\nP5,5,NY\n\n' });
    expect((await p.rows('service_points')).map((r) => [r.source_line, r.service_point_id])).toEqual([
      [2, 'P1'],
      [4, 'P2'],
      [8, 'P5'],
    ]);
    expect((await rejects(p, 'service_points')).map((r) => [r.source_line, r.reason])).toEqual([
      [7, 'malformed row: missing columns'],
    ]);
    accounting(p, 'service_points', { read: 4, written: 3, rejected: 1 });
  });

  test('a quoted line break makes one record of two lines, not a lost line', async () => {
    const p = await run(doc(sp()), { 's.csv': 'id,zip,st\nP1,1,NY\nP4\n"P2\nx\ny",2,NY\n\nP3,3,NY\n' });
    const rows = (await p.rows('service_points')).map((r) => [r.source_line, r.service_point_id]);
    expect(rows).toEqual([[2, 'P1'], [4, 'P2\nx\ny'], [8, 'P3']]);
    expect((await rejects(p, 'service_points')).map((r) => [r.source_line, r.reason])).toEqual([[3, 'malformed row: missing columns']]);
    accounting(p, 'service_points', { read: 4, written: 3, rejected: 1 });
  });
});

describe('lines the reader would lose', () => {
  test('an unterminated quote: the swallowed lines are rejects with their lines, and the run fails', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => `${i === 2 ? '"' : ''}P${i},1,NY`);
    const err = await runPipeline(doc(sp()), { 's.csv': csv('id,zip,st', rows) }).catch((e) => e);
    expect(err).toBeInstanceOf(CoverageFailure);
    const [d] = (err as CoverageFailure).diagnostics;
    expect(d).toMatchObject({ code: 'source-lines-lost', severity: 'error', at: { line: 4 } });
    expect(d.message).toContain('lines 5–9 (5) are not records');
    const a = (err as CoverageFailure).accounts.find((x) => x.table === 'service_points')!;
    expect(a).toMatchObject({ read: 8, written: 2, rejected: 6 });
    expect(a.rejectedByReason).toEqual({
      'malformed row: unterminated quote': 1,
      'malformed row: inside the unterminated quote opened at line 4': 5,
    });
  });

  test('a line over the reader limit is a reject with its line; a header and one such row has rows', async () => {
    const big = `P2,${'9'.repeat(2_100_000)},NY`;
    const p = await run(doc(sp()), { 's.csv': csv('id,zip,st', ['P1,1,NY', big, 'P3,3,NY']) });
    expect((await rejects(p, 'service_points')).map((r) => [r.source_line, r.reason])).toEqual([
      [3, 'malformed row: line size over maximum'],
    ]);
    expect((await p.rows('service_points')).map((r) => [r.source_line, r.service_point_id])).toEqual([
      [2, 'P1'],
      [4, 'P3'],
    ]);
    accounting(p, 'service_points', { read: 3, written: 2, rejected: 1 });
    const one = await run(doc(sp()), { 's.csv': csv('id,zip,st', [big]) });
    accounting(one, 'service_points', { read: 1, written: 0, rejected: 1 });
  });

  test('mixed line endings stop the run with the file and line', async () => {
    const err = await runPipeline(doc(sp()), { 's.csv': 'id,zip,st\r\nP1,1,NY\r\nP2,2,NY\nP3,3,NY\r\n' }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(DiagnosticError);
    const [d] = (err as DiagnosticError).diagnostics;
    expect(d).toMatchObject({ code: 'source-line-endings', at: { line: 3, column: 1 } });
    expect(d.message).toMatch(/s\.csv mixes line endings: line 3 ends with LF, line 1 with CR LF$/);
  });

  test('a uniform CR LF or lone-CR file reads all its rows', async () => {
    for (const nl of ['\r\n', '\r']) {
      const p = await run(doc(sp()), { 's.csv': ['id,zip,st', 'P1,1,NY', 'P2,2,NY'].join(nl) + nl });
      expect((await p.rows('service_points')).map((r) => [r.source_line, r.state])).toEqual([
        [2, 'NY'],
        [3, 'NY'],
      ]);
    }
  });
});

describe('file names', () => {
  test('every file a glob finds is read by its exact path, [ ] ? * included', async () => {
    const files = {
      'd/x[1].csv': csv('id,zip,st', ['B,1,NY']),
      'd/x1.csv': csv('id,zip,st', ['P,1,NY']),
      'd/a*?.csv': csv('id,zip,st', ['S,1,NY']),
    };
    const p = await run(doc(sp('d/*.csv')), files);
    expect(
      (await p.rows('service_points', { orderBy: 'service_point_id' })).map((r) => [
        r.service_point_id,
        r.source_file.split('/').pop(),
      ]),
    ).toEqual([
      ['B', 'x[1].csv'],
      ['P', 'x1.csv'],
      ['S', 'a*?.csv'],
    ]);
    const cls = await run(doc(sp('d/x[0-9].csv')), files);
    expect((await cls.rows('service_points')).map((r) => r.service_point_id)).toEqual(['P']);
  });
});

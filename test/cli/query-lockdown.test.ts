import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

/** `gridflow query` is one read-only statement over the published views: escape attempts are refused. */
const t = tempDir('gridflow-lockdown-');
const out = path.join(t.dir, 'out');
const f = (n: string) => path.join(t.dir, n);
const query = (sql: string, ...args: string[]) => cli('query', sql, '--out', out, '--format', 'json', ...args);

beforeAll(async () => {
  t.write('i.csv', 'm,ts,v\nM1,2025-03-10T00:00:00Z,1\nM1,2025-03-10T00:15:00Z,2\nM1,not-a-time,3\n');
  t.write(
    'map.yaml',
    `utility: U\ntimezone: UTC\nintervals:\n  source: i.csv\n  columns:\n    meter_id: m\n    interval_start_ts: ts\n    duration_seconds: 900\n    value: v\n    unit: { const: kWh }\n    direction: { const: delivered }\n`,
  );
  const r = await cli('run', '-q', '--no-rules', '--mapping', f('map.yaml'), '--out', out);
  expect(r.code).toBe(0);
});

describe('gridflow query', () => {
  test('one SELECT (or WITH, DESCRIBE …) over the published views runs, internal views included', async () => {
    const r = await query(`WITH x AS (SELECT utility_id, count(*) AS n FROM intervals GROUP BY 1) SELECT * FROM x`);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(JSON.parse(r.out)).toEqual({ utility_id: 'U', n: 2 });
    const rej = await query(`SELECT source_line, reason FROM rejects_intervals`);
    expect([rej.code, JSON.parse(rej.out).source_line]).toEqual([0, 4]);
    const d = await query('DESCRIBE usage_interval');
    expect(d.code).toBe(0);
  });

  const refused: [string, string, RegExp][] = [
    ['a file outside the set', `SELECT * FROM read_csv('/etc/passwd')`, /no access to files outside the published tables.*\/etc\/passwd/],
    ['a glob outside the set', `SELECT * FROM glob('/root/*')`, /no access to files outside/],
    ['the input files beside the set', `SELECT * FROM read_text('${f('i.csv')}')`, /no access to files outside/],
    ['COPY … TO', `COPY (SELECT * FROM intervals) TO '${f('copied.csv')}'`, /not COPY/],
    ['ATTACH', `ATTACH '${f('x.duckdb')}' AS x`, /not ATTACH/],
    ['INSTALL', 'INSTALL httpfs', /not INSTALL/],
    ['LOAD', 'LOAD httpfs', /not LOAD/],
    ['SET', `SET enable_external_access = true`, /not SET/],
    ['PRAGMA', 'PRAGMA threads = 1', /not PRAGMA/],
    ['two statements', 'SELECT 1; SELECT 2', /2 statements given, one is allowed/],
    ['a statement hidden after a SELECT', `SELECT 1; COPY (SELECT 1) TO '${f('hidden.csv')}'`, /2 statements given/],
    ['CREATE', 'CREATE TABLE t AS SELECT 1', /not CREATE/],
    ['INSERT', `INSERT INTO intervals SELECT * FROM intervals`, /not INSERT/],
    ['nothing', '  ', /no statement given/],
  ];
  test.each(refused)('refuses %s: exit 2, a query-refused message and the hint', async (_, sql, message) => {
    const r = await query(sql);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toMatch(/^error \[query-refused\] query refused: /);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('hint: `gridflow query` runs one read-only statement');
  });

  test('refused writes leave no file behind', () => {
    for (const n of ['copied.csv', 'x.duckdb', 'hidden.csv']) expect(existsSync(f(n)), n).toBe(false);
  });

  test('--unsafe opts in to a full DuckDB session (any file, several statements)', async () => {
    const r = await query(`SELECT count(*) AS n FROM read_csv('${f('i.csv')}')`, '--unsafe');
    expect([r.code, JSON.parse(r.out)]).toEqual([0, { n: 3 }]);
  });
});

describe('gridflow export in a locked session', () => {
  test('writes the file it was asked to, again over an existing one, as CSV and Parquet', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await cli('export', 'intervals', '--to', f('intervals.csv'), '--out', out);
      expect([r.code, r.err, r.out]).toEqual([0, '', `wrote 2 row(s) of intervals to ${f('intervals.csv')}`]);
    }
    expect(readFileSync(f('intervals.csv'), 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
    const p = await cli('export', 'usage_interval', '--to', f('ui.parquet'), '--format', 'parquet', '--out', out);
    expect([p.code, p.err]).toEqual([0, '']);
    const back = await query(`SELECT count(*) AS n FROM read_parquet('${f('ui.parquet')}')`, '--unsafe');
    expect(JSON.parse(back.out)).toEqual({ n: 2 });
  });
});

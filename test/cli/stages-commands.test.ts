import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { pseudonymOf } from '../../engine/util/pseudonym-of.ts';
import { tempDir } from '../helpers/tmp.ts';

const pseudonym = (id: string) => pseudonymOf(Buffer.from(process.env.GRIDFLOW_PSEUDONYM_KEY!, 'utf8'), id);

/** `query`, `usage` and `export` over the outputs of a small run: two service points, 15-minute reads. */
const t = tempDir();
const out = path.join(t.dir, 'out');
const f = (n: string) => path.join(t.dir, n);

// SP-ALPHA: 2025-03-10 complete (96 reads of 0.25), 2025-03-11 half (48 reads of 0.5), 2025-03-12 one read;
// SP-BETA: one read on 2025-03-10. All in EDT (-04:00).
function reads(): string[] {
  const rows: string[] = [];
  const at = (d: string, i: number) => `2025-03-${d}T${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}:00-04:00`;
  for (let i = 0; i < 96; i++) rows.push(`SP-ALPHA,M1,${at('10', i)},${i === 50 ? 3 : 0.25}`);
  for (let i = 0; i < 48; i++) rows.push(`SP-ALPHA,M1,${at('11', i)},0.5`);
  rows.push(`SP-ALPHA,M1,${at('12', 0)},1`, `SP-BETA,M2,${at('10', 4)},2`);
  return rows;
}

beforeAll(async () => {
  t.write('i.csv', ['sp,m,ts,v', ...reads()].join('\n') + '\n');
  t.write(
    'map.yaml',
    `utility: U\ntimezone: America/New_York\nintervals:\n  source: i.csv\n  columns:\n    service_point_id: sp\n    meter_id: m\n    interval_start_ts: ts\n    duration_seconds: 900\n    value: v\n    unit: { const: kWh }\n    direction: { const: delivered }\n`,
  );
  const r = await cli('run', '-q', '--mapping', f('map.yaml'), '--out', out);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});

describe('gridflow usage', () => {
  test('prints the daily profile of a service point between two local days', async () => {
    const r = await cli('usage', '--service-point', 'SP-ALPHA', '--from', '2025-03-10', '--to', '2025-03-11', '--out', out);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['utility_id', 'day', 'unit', 'direction', 'channel', 'total', 'intervals', 'expected', 'completeness', 'peak', 'peak_at', 'pit', 'pit_at']);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
    expect(lines.slice(2, -1).map((l) => l.split(/\s+/))).toEqual([
      ['U', '2025-03-10', 'kWh', 'delivered', '26.75', '96', '96', '1', '3', '12:30', '0.25', '00:00'],
      ['U', '2025-03-11', 'kWh', 'delivered', '24', '48', '96', '0.5', '0.5', '00:00', '0.5', '00:00'],
    ]);
    expect(lines.at(-1)).toBe('(2 rows)');
  });

  test('usage_daily holds pseudonyms: the raw id finds them with the key, the pseudonym without it', async () => {
    const days = (r: { out: string }) => r.out.split('\n').map((l) => JSON.parse(l).day);
    const raw = await cli('usage', '-s', 'SP-ALPHA', '--out', out, '--format', 'json');
    const t2 = tempDir();
    const keyFile = t2.write('key', process.env.GRIDFLOW_PSEUDONYM_KEY!);
    const fromFile = await cli('usage', '-s', 'SP-ALPHA', '--out', out, '--format', 'json', '--pseudonym-key-file', keyFile);
    const alpha = pseudonym('SP-ALPHA');
    const saved = process.env.GRIDFLOW_PSEUDONYM_KEY;
    delete process.env.GRIDFLOW_PSEUDONYM_KEY;
    try {
      const given = await cli('usage', '-s', alpha, '--out', out, '--format', 'json');
      expect(days(given)).toEqual(['2025-03-10', '2025-03-11', '2025-03-12']);
      const noKey = await cli('usage', '-s', 'SP-ALPHA', '--out', out);
      expect(noKey.code).toBe(1);
    } finally {
      process.env.GRIDFLOW_PSEUDONYM_KEY = saved;
    }
    expect(days(raw)).toEqual(['2025-03-10', '2025-03-11', '2025-03-12']);
    expect(days(fromFile)).toEqual(days(raw));
  });

  test('without --from/--to: all days; --format json', async () => {
    const r = await cli('usage', '-s', 'SP-ALPHA', '--out', out, '--format', 'json');
    expect(r.code).toBe(0);
    const rows = r.out.split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => [x.day, x.intervals, x.expected])).toEqual([
      ['2025-03-10', 96, 96],
      ['2025-03-11', 48, 96],
      ['2025-03-12', 1, 96],
    ]);
  });

  test('an unknown service point: exit 1 with a did-you-mean', async () => {
    const r = await cli('usage', '--service-point', 'SP-ALPH', '--out', out);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(`no usage for service point 'SP-ALPH' (did you mean 'SP-ALPHA'?)`);
  });

  test('a known service point without usage in the period: exit 1, no hint', async () => {
    const r = await cli('usage', '--service-point', 'SP-BETA', '--from', '2025-03-11', '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`no usage for service point 'SP-BETA' in that period`);
  });

  test('usage errors exit 2: bad date, bad format, unknown table', async () => {
    const date = await cli('usage', '-s', 'SP-ALPHA', '--from', '03/10/2025', '--out', out);
    expect([date.code, date.err]).toEqual([2, `error [usage] '03/10/2025' is not a date\n  hint: use YYYY-MM-DD`]);
    const fmt = await cli('usage', '-s', 'SP-ALPHA', '--format', 'xml', '--out', out);
    expect(fmt.code).toBe(2);
    expect(fmt.err).toContain(`unknown format 'xml'`);
    const table = await cli('usage', '-s', 'SP-ALPHA', '--table', 'usage_dialy', '--out', out);
    expect(table.code).toBe(2);
    expect(table.err).toContain(`did you mean 'usage_daily'?`);
  });
});

describe('gridflow query', () => {
  test('--format json: exact count of usage_daily rows', async () => {
    const r = await cli('query', 'SELECT count(*) AS n FROM usage_daily', '--out', out, '--format', 'json');
    expect([r.code, r.out, r.err]).toEqual([0, '{"n":4}', '']);
  });

  test('--format json: dates and instants of usage_daily', async () => {
    const beta = pseudonym('SP-BETA'); // usage_daily publishes the service point's pseudonym
    const r = await cli('query', `SELECT local_date, bucket_start, bucket_end, total_usage FROM usage_daily WHERE service_point_id = '${beta}'`, '--out', out, '--format', 'json');
    expect(r.out).toBe('{"local_date":"2025-03-10","bucket_start":"2025-03-10 04:00:00+00","bucket_end":"2025-03-11 04:00:00+00","total_usage":2}');
  });

  test('--format csv over the product table (internal level: raw ids)', async () => {
    const r = await cli('query', `SELECT service_point_id, count(*) AS n, sum(value) AS total FROM usage_interval_internal GROUP BY 1 ORDER BY 1`, '--out', out, '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.out).toBe('service_point_id,n,total\nSP-ALPHA,145,51.75\nSP-BETA,1,2');
  });

  test('bad --format → exit 2; bad SQL → exit 1; no outputs → exit 2', async () => {
    const fmt = await cli('query', 'SELECT 1', '--out', out, '--format', 'yaml');
    expect(fmt.code).toBe(2);
    expect(fmt.err).toBe(`error [usage] unknown format 'yaml'\n  hint: use one of table, csv, json`);
    const sql = await cli('query', 'SELECT * FROM no_such_table', '--out', out);
    expect(sql.code).toBe(1);
    expect(sql.err).toMatch(/^error \[query-failed\] query failed: /);
    const none = await cli('query', 'SELECT 1', '--out', f('nothing-here'));
    expect(none.code).toBe(2);
  });
});

describe('gridflow export', () => {
  test('usage_daily to a CSV file with a header and one line per row', async () => {
    const file = f('daily.csv');
    const r = await cli('export', 'usage_daily', '--to', file, '--out', out);
    expect([r.code, r.out]).toEqual([0, `wrote 4 row(s) of usage_daily to ${file}`]);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 4);
    const header = lines[0].split(',');
    expect(header).toEqual(expect.arrayContaining(['utility_id', 'service_point_id', 'local_date', 'bucket_start', 'total_usage', 'completeness']));
    const row = Object.fromEntries(lines.slice(1).map((l) => l.split(',')).find((c) => c[header.indexOf('local_date')] === '2025-03-11')!.map((v, i) => [header[i], v]));
    expect(row).toMatchObject({ service_point_id: pseudonym('SP-ALPHA'), bucket_start: '2025-03-11T04:00:00Z', total_usage: '24.0', interval_count: '48', completeness: '0.5' });
  });

  test('--format parquet and --utility: only that utility', async () => {
    const r = await cli('export', 'usage_interval', '--to', f('ui.parquet'), '--format', 'parquet', '--utility', 'U', '--out', out);
    expect([r.code, r.out]).toEqual([0, `wrote 146 row(s) of usage_interval to ${f('ui.parquet')}`]);
    const none = await cli('export', 'usage_interval', '--to', f('none.csv'), '--utility', 'OTHER', '--out', out);
    expect([none.code, none.out]).toEqual([0, `wrote 0 row(s) of usage_interval to ${f('none.csv')}`]);
    // A file outside the output set: only an --unsafe session reads it.
    const q = await cli('query', `SELECT count(*) AS n, min(street) AS street FROM read_parquet('${f('ui.parquet')}')`, '--out', out, '--format', 'json', '--unsafe');
    expect(q.out).toBe('{"n":146,"street":null}');
  });

  test('unknown table → exit 2 with a hint; bad --format → exit 2', async () => {
    const t1 = await cli('export', 'usage_dayly', '--to', f('x.csv'), '--out', out);
    expect(t1.code).toBe(2);
    expect(t1.err).toContain(`did you mean 'usage_daily'?`);
    const t2 = await cli('export', 'usage_daily', '--to', f('x.json'), '--format', 'json', '--out', out);
    expect(t2.code).toBe(2);
  });
});

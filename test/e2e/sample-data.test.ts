import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { parquetGlob, withDuckDb } from '../helpers/duckdb.ts';
import type { TableAccount } from '../../engine/run/accounting.ts';
import { publishedDir } from '../helpers/published.ts';

/** The README's main job on the bundled sample data, checked through DuckDB queries on the outputs. */
const { dir } = tempDir();
const out = path.join(dir, 'out');
let accounts: TableAccount[];

const csvRows = (rel: string) => readFileSync(rel, 'utf8').split('\n').filter((l) => l.length > 0).length - 1;

beforeAll(async () => {
  const r = await cli('run', '-q', '--mapping', 'mappings/utility1.yaml', '--mapping', 'mappings/utility2.yaml', '--out', out);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const runs = JSON.parse(readFileSync(path.join(out, '_runs', readdirOne(path.join(out, '_runs'))), 'utf8'));
  accounts = runs.accounts;
});

function readdirOne(d: string): string {
  return readdirSync(d)[0];
}

const account = (utility: string, table: string) => accounts.find((a) => a.utility === utility && a.table === table)!;

describe('sample data end to end', () => {
  it('accounts for every input row of every table', async () => {
    const files: Record<string, string> = {
      'UTILITY1/service_points': 'data/raw/utility1/utility1_service_points.csv',
      'UTILITY1/meters': 'data/raw/utility1/utility1_meters.csv',
      'UTILITY1/intervals': 'data/raw/utility1/utility1_intervals.csv',
      'UTILITY2/service_points': 'data/raw/utility2/utility2_service_points.csv',
      'UTILITY2/meters': 'data/raw/utility2/utility2_meters.csv',
      'UTILITY2/intervals': 'data/raw/utility2/utility2_intervals.csv',
    };
    expect(accounts).toHaveLength(6);
    await withDuckDb(async ({ query }) => {
      for (const [key, file] of Object.entries(files)) {
        const [utility, table] = key.split('/');
        const a = account(utility, table);
        expect(a.read, key).toBe(csvRows(file));
        expect(a.written + a.rejected + a.filtered + a.deduplicated, key).toBe(a.read);
        const [w] = await query(`SELECT count(*) AS n FROM ${parquetGlob(out, 'standardized', table)} WHERE utility_id = '${utility}'`);
        expect(w.n, key).toBe(a.written);
        const [r] = await query(`SELECT count(*) AS n FROM read_parquet('${publishedDir(out)}/internal/rejects/${table}/*/*.parquet', hive_partitioning = true, union_by_name = true) WHERE utility_id = '${utility}'`).catch(() => [{ n: 0 }]);
        expect(r.n, key).toBe(a.rejected);
      }
    });
  });

  it('keeps one row per service point and per meter, per utility', async () => {
    await withDuckDb(async ({ query }) => {
      for (const [table, key] of [['service_points', 'service_point_id'], ['meters', 'meter_id']]) {
        const dup = await query(`SELECT utility_id, ${key}, count(*) AS n FROM ${parquetGlob(out, 'standardized', table)} GROUP BY ALL HAVING n > 1`);
        expect(dup, table).toEqual([]);
      }
      const sp = await query(`SELECT utility_id, count(*) AS n FROM ${parquetGlob(out, 'standardized', 'service_points')} GROUP BY ALL ORDER BY 1`);
      expect(sp).toEqual([{ utility_id: 'UTILITY1', n: 1000 }, { utility_id: 'UTILITY2', n: account('UTILITY2', 'service_points').written }]);
      expect(account('UTILITY2', 'service_points').written).toBeLessThan(250);
    });
  });

  it('links every interval to a known meter or counts it as an orphan', async () => {
    await withDuckDb(async ({ query }) => {
      for (const u of ['UTILITY1', 'UTILITY2']) {
        const [r] = await query(`
          SELECT count(*) FILTER (WHERE m.meter_id IS NOT NULL) AS linked, count(*) FILTER (WHERE m.meter_id IS NULL) AS orphan, count(*) AS n
          FROM ${parquetGlob(out, 'standardized', 'intervals')} i
          LEFT JOIN ${parquetGlob(out, 'standardized', 'meters')} m ON m.utility_id = i.utility_id AND m.meter_id = i.meter_id
          WHERE i.utility_id = '${u}'`);
        const a = account(u, 'intervals');
        expect(r.orphan, u).toBe(a.orphans['meter_id→meters']);
        expect(r.linked + r.orphan).toBe(a.written);
        expect(r.orphan).toBeGreaterThan(0); // the sample data has unknown meters on purpose
      }
    });
  });

  it('stores instants in UTC and derives utility 2 service points through the meter history', async () => {
    await withDuckDb(async ({ query }) => {
      const [first] = await query(`SELECT min(interval_start_ts) AS t, max(interval_start_ts) AS last FROM ${parquetGlob(out, 'standardized', 'intervals')} WHERE utility_id = 'UTILITY2'`);
      expect(first.t).toBe('2025-01-22T05:00:00.000Z'); // local midnight in New York, winter
      expect(first.last).toBe('2025-02-21T05:00:00.000Z');
      const [u1] = await query(`SELECT count(*) AS n FROM ${parquetGlob(out, 'standardized', 'intervals')} WHERE utility_id = 'UTILITY1' AND interval_end_ts - interval_start_ts <> to_seconds(duration_seconds)`);
      expect(u1.n).toBe(0);
      const [linked] = await query(`SELECT count(*) FILTER (WHERE service_point_id IS NOT NULL) AS n FROM ${parquetGlob(out, 'standardized', 'intervals')} WHERE utility_id = 'UTILITY2'`);
      expect(linked.n).toBeGreaterThan(account('UTILITY2', 'intervals').written * 0.9);
      const dupKeys = await query(`SELECT meter_id, channel_raw, interval_start_ts, count(*) AS n FROM ${parquetGlob(out, 'standardized', 'intervals')} GROUP BY ALL HAVING n > 1`);
      expect(dupKeys).toEqual([]);
    });
  });

  it('rejects the three bad utility 1 rows with their reason and line', async () => {
    await withDuckDb(async ({ query }) => {
      const rows = await query(`SELECT source_line, reason FROM ${parquetGlob(out, 'rejects', 'intervals')} WHERE utility_id = 'UTILITY1' ORDER BY source_line`);
      expect(rows.map((r) => r.reason).sort()).toEqual([
        'interval_start_ts: not a valid timestamp (iso8601)',
        'value: missing required value',
        'value: not a valid double',
      ]);
      const lines = readFileSync('data/raw/utility1/utility1_intervals.csv', 'utf8').split('\n');
      for (const r of rows) expect(lines[r.source_line - 1]).toMatch(/,(abc|2025-02-30T25:00:00-05:00|),|,,VAL/);
    });
  });
});

import { readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { runPlans } from '../../engine/run/run-plans.ts';
import { openDuckDb } from '../../engine/engines/duckdb-engine.ts';
import type { Engine } from '../../engine/engines/engine.ts';
import { registerPublishedViews } from '../../engine/query/published-views.ts';
import { publishedDir } from '../helpers/published.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * The internal Product is a view over the published set (standardized tables + internal/meter_periods):
 * no Parquet file of its own, the columns and types of the written table, and one definition per
 * dialect in the set that gives the same rows. Two utilities in different zones (the month column),
 * one with meters dated by installation.
 */
const t = tempDir('gridflow-view-');
const out = path.join(t.dir, 'out');
const A = `utility: A
timezone: America/New_York
meters:
  source: a_m.csv
  columns: { meter_id: m, serial_number: s }
intervals:
  source: a_i.csv
  columns: { meter_id: m, interval_start_ts: ts, duration_seconds: 900, value: v, unit: { const: kWh } }
`;
const B = `utility: B
timezone: Australia/Sydney
service_points:
  source: b_sp.csv
  columns: { service_point_id: id, street: street }
meters:
  source: b_m.csv
  dedupe: { key: [meter_id], keep: last, order_by: installed_at }
  columns:
    meter_id: m
    serial_number: s
    service_point_id: sp
    installed_at: { from: inst, format: iso8601 }
    removed_at: { from: rem, format: iso8601 }
intervals:
  source: b_i.csv
  columns:
    meter_id: m
    interval_start_ts: ts
    duration_seconds: 900
    value: v
    unit: { const: kWh }
    service_point_id: { via: { table: meters, on: meter_id, effective: [installed_at, removed_at] } }
`;
const FILES: Record<string, string> = {
  'a_m.csv': 's,m\nSA1,M1\n',
  'a_i.csv': 'm,ts,v\nM1,2025-01-31T23:00:00Z,1\nM1,2025-02-01T05:00:00Z,2\nMX,2025-02-01T06:00:00Z,3\n',
  'b_sp.csv': 'id,street\nP1,1 Long Street\nP2,2 Short Street\n',
  // M1 moves from P1 (serial S1) to P2 (serial S2) on 2025-01-31T14:00Z, which is Feb 1st in Sydney.
  'b_m.csv': 'm,s,sp,inst,rem\nM1,S1,P1,2025-01-01T00:00:00Z,\nM1,S2,P2,2025-01-31T14:00:00Z,\n',
  'b_i.csv': 'm,ts,v\nM1,2025-01-31T12:00:00Z,1\nM1,2025-01-31T14:00:00Z,2\nM1,2024-12-31T00:00:00Z,3\n',
};

async function runUtilities(...names: ('A' | 'B')[]) {
  const read = names.map((n) => readMapping(t.write(`${n}.yaml`, n === 'A' ? A : B)));
  expect(read.flatMap((r) => r.diagnostics)).toEqual([]);
  const plans = read.map((r) => r.plan!);
  await runPlans(plans, { outDir: out, engine: { threads: 2 }, runId: `run-${names.join('')}` });
}

async function withViews<T>(fn: (engine: Engine, views: string[]) => Promise<T>): Promise<T> {
  const engine = await openDuckDb({ threads: 2 });
  try {
    return await fn(engine, await registerPublishedViews(engine, publishedDir(out)));
  } finally {
    engine.close();
  }
}

const rowsOf = (engine: Engine, sql: string) => engine.query<Record<string, unknown>>(sql);
const ORDER = 'ORDER BY utility_id, source_line';

beforeAll(async () => {
  for (const [f, text] of Object.entries(FILES)) t.write(f, text);
  await runUtilities('A', 'B');
}, 120_000);

describe('usage_interval_internal', () => {
  test('is a view (no Parquet file), columns and types of the external files, each interval once', async () => {
    const dir = path.join(publishedDir(out), 'product', 'usage_interval_internal');
    expect(readdirSync(dir).sort()).toEqual(['utility_id=A', 'utility_id=B', 'view.duckdb.sql', 'view.spark.sql']);
    await withViews(async (engine, views) => {
      expect(views).toEqual(expect.arrayContaining(['usage_interval_internal', 'meter_periods']));
      const describe = (v: string) => engine.query<{ column_name: string; column_type: string }>(`DESCRIBE "${v}"`);
      const cols = (await describe('usage_interval_internal')).map((c) => `${c.column_name} ${c.column_type}`);
      expect(cols).toEqual((await describe('usage_interval')).map((c) => `${c.column_name} ${c.column_type}`));
      expect(cols.slice(-2)).toEqual(['month VARCHAR', 'utility_id VARCHAR']);
      const rows = await rowsOf(engine, `SELECT utility_id, meter_id, serial_number, service_point_id, street,
        meter_known, month FROM usage_interval_internal ${ORDER}`);
      expect(rows.map((r) => Object.values(r))).toEqual([
        ['A', 'M1', 'SA1', null, null, true, '2025-01'],
        ['A', 'M1', 'SA1', null, null, true, '2025-02'],
        ['A', 'MX', null, null, null, false, '2025-02'],
        // the installation in effect: S1 at P1, then S2 at P2; none before the first installation
        ['B', 'M1', 'S1', 'P1', '1 Long Street', true, '2025-01'],
        ['B', 'M1', 'S2', 'P2', '2 Short Street', true, '2025-02'],
        ['B', 'M1', null, null, null, true, '2024-12'],
      ]);
      const periods = await rowsOf(engine, `SELECT meter_id, serial_number, effective_from, effective_until
        FROM meter_periods ORDER BY 3`);
      const at = (iso: string) => new Date(iso);
      expect(periods.map((r) => Object.values(r))).toEqual([
        ['M1', 'S1', at('2025-01-01T00:00:00Z'), at('2025-01-31T14:00:00Z')],
        ['M1', 'S2', at('2025-01-31T14:00:00Z'), null],
      ]);
    });
  });

  test("the set's DuckDB definition, run from the set folder, gives the same rows", async () => {
    const set = realpathSync(publishedDir(out));
    const text = readFileSync(path.join(set, 'product', 'usage_interval_internal', 'view.duckdb.sql'), 'utf8');
    expect(text).not.toContain(set);
    await withViews(async (engine) => {
      await engine.run(`SET file_search_path = '${set}'`);
      await engine.run(text.replace(/usage_interval_internal AS/, 'from_file AS'));
      const minus = (a: string, b: string) =>
        `SELECT count(*) AS n FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})`;
      expect(await rowsOf(engine, minus('from_file', 'usage_interval_internal'))).toEqual([{ n: 0n }]);
      expect(await rowsOf(engine, minus('usage_interval_internal', 'from_file'))).toEqual([{ n: 0n }]);
      expect(await rowsOf(engine, 'SELECT count(*) AS n FROM from_file')).toEqual([{ n: 6n }]);
    });
    const spark = readFileSync(path.join(set, 'product', 'usage_interval_internal', 'view.spark.sql'), 'utf8');
    expect(spark).toContain('parquet.`${root}/internal/meter_periods`');
    expect(spark).toContain("from_utc_timestamp(i.interval_start_ts, 'Australia/Sydney')");
  });

  test('a utility run alone keeps the other one in the view (its facts are carried over)', async () => {
    const before = await withViews((engine) => rowsOf(engine, `SELECT * FROM usage_interval_internal ${ORDER}`));
    await runUtilities('A');
    const after = await withViews((engine) => rowsOf(engine, `SELECT * FROM usage_interval_internal ${ORDER}`));
    expect(after).toEqual(before);
  });

  test('a utility carried over from a set that wrote the internal Product is read from those files', async () => {
    const set = realpathSync(publishedDir(out));
    const before = await withViews((engine) => rowsOf(engine, `SELECT * FROM usage_interval_internal ${ORDER}`));
    // B as an older gridflow wrote it: internal Parquet files by month, no facts, no meter periods.
    const dir = path.join(set, 'product', 'usage_interval_internal', 'utility_id=B');
    await withViews(async (engine) => {
      const b = `(SELECT * FROM usage_interval_internal WHERE utility_id = 'B')`;
      const copy = `COPY (SELECT * EXCLUDE (utility_id) FROM ${b}) TO '${dir}'`;
      await engine.run(`${copy} (FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE)`);
    });
    rmSync(path.join(dir, 'view.json'));
    rmSync(path.join(set, 'internal', 'meter_periods'), { recursive: true });
    await runUtilities('A');
    const after = await withViews((engine) => rowsOf(engine, `SELECT * FROM usage_interval_internal ${ORDER}`));
    expect(after).toEqual(before);
  });
});

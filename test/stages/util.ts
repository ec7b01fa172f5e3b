import path from 'node:path';
import { expect } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { runPlans, type RunResult } from '../../engine/run/run-plans.ts';
import type { Bucket } from '../../engine/stages/usage-bucket-sql.ts';
import { tempDir } from '../helpers/tmp.ts';
import { internalProductScan, withDuckDb } from '../helpers/duckdb.ts';
import { publishedDir } from '../helpers/published.ts';
import { pseudonymOf } from '../../engine/util/pseudonym-of.ts';

export const NY = 'America/New_York';

/** All Parquet files of a published table, at any partition depth (product/experience have utility_id/month). */
export const tableGlob = (outDir: string, layer: string, table: string) =>
  table === 'usage_interval_internal' ? internalProductScan(outDir) :
  `read_parquet('${publishedDir(outDir)}/${layer}/${table}/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)`;

export interface StageRun {
  outDir: string;
  result: RunResult;
  rows(layer: string, table: string, orderBy: string, where?: string): Promise<Record<string, any>[]>;
}

/** Runs a mapping (YAML text) over files written to a temp folder, with the given Experience bucket. */
export async function stageRun(yaml: string, files: Record<string, string>, bucket: Bucket = 'day'): Promise<StageRun> {
  const t = tempDir('gridflow-stages-');
  for (const [rel, text] of Object.entries(files)) t.write(rel, text);
  const outDir = path.join(t.dir, 'out');
  const { plan, diagnostics } = readMapping(t.write('mapping.yaml', yaml));
  expect(diagnostics).toEqual([]);
  const result = await runPlans([plan!], { outDir, bucket, engine: { threads: 2 } });
  return {
    outDir,
    result,
    rows: (layer, table, orderBy, where) =>
      withDuckDb(async ({ query }) => {
        const rows = await query(`SELECT * FROM ${tableGlob(outDir, layer, table)}${where ? ` WHERE ${where}` : ''} ORDER BY ${orderBy}`);
        return layer === 'experience' ? rawServicePoints(outDir, rows, query) : rows;
      }),
  };
}

/**
 * The Experience publishes service points as pseudonyms: for readable tests, each row gets its raw
 * id back (from the internal Product's ids and the test key), `service_point_pseudonym` the value published.
 */
async function rawServicePoints(outDir: string, rows: Record<string, any>[], query: (sql: string) => Promise<Record<string, any>[]>) {
  if (!rows.some((r) => typeof r.service_point_id === 'string')) return rows;
  const key = Buffer.from(process.env.GRIDFLOW_PSEUDONYM_KEY!, 'utf8');
  const ids = await query(`SELECT DISTINCT service_point_id AS id FROM ${tableGlob(outDir, 'product', 'usage_interval_internal')}`);
  const raw = new Map(ids.filter((r) => r.id !== null).map((r) => [pseudonymOf(key, r.id), r.id as string]));
  return rows.map((r) => {
    const id = r.service_point_id === null ? null : raw.get(r.service_point_id);
    if (id === undefined) throw new Error(`published service point ${r.service_point_id} is no pseudonym of a known id`);
    return { ...r, service_point_id: id, service_point_pseudonym: r.service_point_id };
  });
}

export const csv = (header: string, rows: string[]) => [header, ...rows].join('\n') + '\n';

const local = new Intl.DateTimeFormat('en-CA', {
  timeZone: NY,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

/** An instant as a New York ISO local time with its offset: 2025-11-02T01:30:00-05:00. */
export function isoNY(ms: number): string {
  const p = Object.fromEntries(local.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${p.timeZoneName.replace('GMT', '') || '+00:00'}`;
}

/** UTC instants (ms) every `stepMin` minutes in [from, to). */
export function instants(fromIso: string, toIso: string, stepMin: number): number[] {
  const out: number[] = [];
  for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += stepMin * 60_000) out.push(t);
  return out;
}

export const iso = (ms: number) => new Date(ms).toISOString();
/** A UTC instant of 2025 as the readers return it: z('03-09T05:00') → 2025-03-09T05:00:00.000Z */
export const z = (x: string) => `2025-${x}:00.000Z`;
/** A DATE as the readers return it. */
export const day = (d: string) => `${d}T00:00:00.000Z`;

/** Intervals with service point, meter, ISO time, duration, value, unit, quality code (A/M) and raw channel. */
export const readsMapping = (zone = NY) => `utility: T
timezone: ${zone}
intervals:
  source: i.csv
  columns:
    service_point_id: sp
    meter_id: m
    interval_start_ts: { from: ts, format: iso8601 }
    duration_seconds: dur
    value: v
    unit: u
    direction: { const: delivered }
    quality: { from: q, map: { A: actual, M: missing } }
    quality_raw: q
    channel_raw: ch
`;
/** A read; `ts` as an instant (ms, written as New York local time with offset) or as ISO text. */
export type Read = { sp?: string; m?: string; ts: number | string; dur?: number; v: number; u?: string; q?: string; ch?: string };
const line = (r: Read) =>
  [r.sp ?? 'SP1', r.m ?? 'M1', typeof r.ts === 'number' ? isoNY(r.ts) : r.ts, r.dur ?? 900, r.v, r.u ?? 'kWh', r.q ?? 'A', r.ch ?? 'kwh'].join(',');

/** Runs `readsMapping` over the reads and returns the Experience rows of the bucket. */
export async function usage(reads: Read[], bucket: Bucket = 'day', zone = NY) {
  const s = await stageRun(readsMapping(zone), { 'i.csv': csv('sp,m,ts,dur,v,u,q,ch', reads.map(line)) }, bucket);
  const table = { hour: 'usage_hourly', day: 'usage_daily', month: 'usage_monthly' }[bucket];
  return { s, rows: await s.rows('experience', table, 'service_point_id, bucket_start, unit, direction, channel_raw') };
}

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { readRules, type RuleSet } from '../../engine/read/read-rules.ts';
import { runPlans, type RunResult } from '../../engine/run/run-plans.ts';
import type { RuleResult } from '../../engine/dq/types.ts';
import type { Plan } from '../../engine/plan/types.ts';
import { parquetGlob, withDuckDb } from '../helpers/duckdb.ts';

/** Shared fixtures of the data-quality tests: one small utility (service points, meters, intervals). */
export const RUN_DATE = new Date('2025-03-01T00:00:00Z');

export const csv = (header: string, rows: string[]) => [header, ...rows].join('\n') + '\n';

/** A mapping of utility `u` over sp.csv (id, zip), m.csv (id, sp) and i.csv (m, sp, ch, ts, v, u, q). */
export function mapping(opts: { utility?: string; rules?: string; dedupe?: boolean } = {}): string {
  return `utility: ${opts.utility ?? 'T'}
timezone: UTC
service_points:
  source: sp.csv
  columns:
    service_point_id: id
    zip: zip
meters:
  source: m.csv
  columns:
    meter_id: id
    service_point_id: sp
intervals:
  source: i.csv
${opts.dedupe ? '  dedupe: { key: [meter_id, channel_raw, interval_start_ts] }\n' : ''}  columns:
    meter_id: m
    service_point_id: sp
    channel_raw: ch
    interval_start_ts: { from: ts, format: iso8601 }
    duration_seconds: 900
    value: v
    unit: u
    quality: q
${opts.rules ? `rules:\n${opts.rules}` : ''}`;
}

export const SP = csv('id,zip', ['S1,10001', 'S2,10002', 'S3,20003']);
export const METERS = csv('id,sp', ['M1,S1', 'M2,S2', 'M3,S3', 'M4,S3']);
export const I_HEAD = 'm,sp,ch,ts,v,u,q';

export interface Workspace {
  dir: string;
  out: string;
  write: (rel: string, text: string) => string;
  plan: (file?: string) => Plan;
  rules: (text: string) => RuleSet;
  run: (opts?: { mappings?: string[]; rules?: string | RuleSet; out?: string }) => Promise<Dq>;
}

export interface Dq {
  result: RunResult;
  out: string;
  /** The result of one rule for one utility (default T). */
  rule: (name: string, utility?: string) => RuleResult;
}

// Folders are removed after the test file. (helpers/tmp.ts registers afterAll when called, which does
// nothing inside a running test, so workspaces made in tests would stay behind.)
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function scratch(): { dir: string; write: (rel: string, text: string) => string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gridflow-dq-'));
  made.push(dir);
  const write = (rel: string, text: string) => {
    const f = path.join(dir, rel);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, text);
    return f;
  };
  return { dir, write };
}

/** A temporary folder with files; `run` reads the mappings (default mapping.yaml) and runs them with the rules. */
export function workspace(files: Record<string, string> = {}): Workspace {
  const t = scratch();
  for (const [rel, text] of Object.entries(files)) t.write(rel, text);
  const ws: Workspace = {
    dir: t.dir,
    out: path.join(t.dir, 'out'),
    write: t.write,
    plan: (file = 'mapping.yaml') => {
      const { plan, diagnostics } = readMapping(path.join(t.dir, file));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return plan!;
    },
    rules: (text) => {
      const { ruleSet, diagnostics } = readRules(t.write('rules.yaml', text));
      expect(diagnostics).toEqual([]);
      return ruleSet!;
    },
    run: async (o = {}) => {
      const plans = (o.mappings ?? ['mapping.yaml']).map((m) => ws.plan(m));
      const ruleSet = typeof o.rules === 'string' ? ws.rules(o.rules) : (o.rules ?? { rules: [], spikeFactor: 2 });
      const out = o.out ?? ws.out;
      const result = await runPlans(plans, { outDir: out, rules: ruleSet, runDate: RUN_DATE, engine: { threads: 2 } });
      return { result, out, rule: (name, utility = 'T') => ruleOf(result.dq.results, name, utility) };
    },
  };
  return ws;
}

export function ruleOf(results: RuleResult[], name: string, utility = 'T'): RuleResult {
  const r = results.filter((x) => x.rule === name && x.utility === utility);
  expect(r, `one result for ${utility}/${name} among ${results.map((x) => `${x.utility}/${x.rule}`).join(', ')}`).toHaveLength(1);
  return r[0];
}

/** Asserts status, failing, total and the percentage failing/total × 100 (to 1e-9). */
export function expectResult(r: RuleResult, want: { status: RuleResult['status']; failing: number; total: number; distinctKeys?: number }) {
  expect({ status: r.status, failing: r.failing, total: r.total }, r.rule).toEqual({ status: want.status, failing: want.failing, total: want.total });
  expect(r.percent, `${r.rule} percent`).toBeCloseTo(want.total ? (want.failing * 100) / want.total : 0, 9);
  if (want.distinctKeys !== undefined) expect(r.distinctKeys, `${r.rule} distinct keys`).toBe(want.distinctKeys);
}

/** Rows of a published table (all columns, hive columns included). */
export function published(out: string, layer: string, table: string, where = 'TRUE', orderBy = '1'): Promise<Record<string, any>[]> {
  return withDuckDb(({ query }) => query(`SELECT * FROM ${parquetGlob(out, layer, table)} WHERE ${where} ORDER BY ${orderBy}`));
}

/** Every file under a folder with its SHA-256, for byte-identical comparisons. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const f = path.join(d, e);
      if (statSync(f).isDirectory()) walk(f);
      else out[path.relative(dir, f)] = createHash('sha256').update(readFileSync(f)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

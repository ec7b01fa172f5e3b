import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDuckDb } from '../../engine/engines/duckdb-engine.ts';
import type { HmacPads } from '../../engine/util/pseudonym-key.ts';
import { RssSampler } from '../rss-sampler.ts';

/**
 * Runs the hand-written reference pipeline (reference.sql) on a bench data folder, one statement at a
 * time on a DuckDB session with gridflow's engine settings (memory limit, threads, a spill folder),
 * and times each statement. Run as its own process (`runReferenceProcess` in reference-process.ts)
 * so that its peak RSS is its own: it then prints its figures as one JSON line.
 */
export interface ReferenceOptions {
  dataDir: string;
  out: string;
  memoryLimit: string;
  threads?: number;
  pads: HmacPads;
  /** The run date: the `max: now` bound of the timestamp rule. */
  now: string;
  /** Prefix every statement with EXPLAIN ANALYZE and keep the plans (the statements still run). */
  explain?: boolean;
}

export interface ReferenceStatement {
  stage: string;
  name: string;
  label: string;
  sql: string;
}

export interface ReferenceStep {
  stage: string;
  name: string;
  label: string;
  seconds: number;
  peakRssMB: number;
  /** With `explain`: the plan's operators, most time first (thread seconds, rows out). */
  operators?: PlanOperator[];
}

export interface PlanOperator {
  operator: string;
  seconds: number;
  rows: number;
}

export interface ReferenceRun {
  seconds: number;
  peakRssMB: number;
  steps: ReferenceStep[];
}

const SQL_FILE = path.join(import.meta.dirname, 'reference.sql');
const HEADER = /^-- @(\w+) ([\w-]+): (.*)$/;

/** The statements of reference.sql with the placeholders filled in, each with its stage and name. */
type Fill = Pick<ReferenceOptions, 'dataDir' | 'out' | 'pads' | 'now'>;

export function referenceStatements(o: Fill): ReferenceStatement[] {
  const fill: Record<string, string> = { dir: o.dataDir, out: o.out, ipad: o.pads.ipad, opad: o.pads.opad, now: o.now };
  const text = readFileSync(SQL_FILE, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    if (!(k in fill)) throw new Error(`reference.sql: unknown placeholder {{${k}}}`);
    return fill[k];
  });
  const statements: ReferenceStatement[] = [];
  for (const line of text.split('\n')) {
    const h = HEADER.exec(line);
    if (h) statements.push({ stage: h[1], name: h[2], label: h[3], sql: '' });
    else if (statements.length && !line.startsWith('--')) statements[statements.length - 1].sql += line + '\n';
  }
  return statements.map((s) => ({ ...s, sql: s.sql.trim() }));
}

export async function runReference(o: ReferenceOptions): Promise<ReferenceRun> {
  rmSync(o.out, { recursive: true, force: true });
  // DuckDB creates its spill folder only when it first spills, and not the folders above it.
  mkdirSync(o.out, { recursive: true });
  const sampler = new RssSampler();
  sampler.start();
  const t0 = performance.now();
  const tempDir = path.join(o.out, '.spill');
  const engine = await openDuckDb({ memoryLimit: o.memoryLimit, threads: o.threads, tempDir });
  const steps: ReferenceStep[] = [];
  try {
    for (const s of referenceStatements(o)) {
      // COPY … PARTITION_BY creates its own folder but not the ones above it.
      for (const [, to] of s.sql.matchAll(/\bTO '([^']+)'/g)) mkdirSync(path.dirname(to), { recursive: true });
      const t = performance.now();
      let operators: PlanOperator[] | undefined;
      if (o.explain && !/^(SET|CREATE TEMP MACRO)/.test(s.sql)) {
        const rows = await engine.query<{ explain_value: string }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${s.sql}`);
        operators = planOperators(JSON.parse(rows[0].explain_value));
      } else await engine.run(s.sql).catch((e: Error) => {
        throw new Error(`reference statement ${s.stage}/${s.name}: ${e.message}`, { cause: e });
      });
      const seconds = (performance.now() - t) / 1000;
      const peakRssMB = sampler.peak(t, performance.now()) / MB;
      steps.push({ stage: s.stage, name: s.name, label: s.label, seconds, peakRssMB, operators });
    }
  } finally {
    engine.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  sampler.stop();
  rmSync(path.join(o.out, '.spill'), { recursive: true, force: true });
  return { seconds, peakRssMB: sampler.peak() / MB, steps };
}

const MB = 1024 * 1024;

interface ProfileNode {
  operator_name?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  children?: ProfileNode[];
}

/** Every operator of a JSON profile (EXPLAIN (ANALYZE, FORMAT JSON)), most time first. */
function planOperators(root: ProfileNode): PlanOperator[] {
  const out: PlanOperator[] = [];
  const walk = (n: ProfileNode) => {
    if (n.operator_name && n.operator_name !== 'EXPLAIN_ANALYZE')
      out.push({
        operator: n.operator_name.trim(),
        seconds: n.operator_timing ?? 0,
        rows: n.operator_cardinality ?? 0,
      });
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return out.sort((a, b) => b.seconds - a.seconds);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const o = JSON.parse(process.argv[2]) as ReferenceOptions;
  const r = await runReference(o);
  process.stdout.write(JSON.stringify(r) + '\n');
}

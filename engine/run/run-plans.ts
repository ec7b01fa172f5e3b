import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticError } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { compilePlan, type WriteStatement } from '../compile/compile-plan.ts';
import { work, type Statement } from '../compile/statement.ts';
import type { Plan } from '../plan/types.ts';
import { duckdbDialect } from '../sql/duckdb-dialect.ts';
import { accountTable, accountStages, type StageAccount, type TableAccount } from './accounting.ts';
import { openDuckDb } from './duckdb-engine.ts';
import type { Engine, EngineOptions } from './engine.ts';
import { discardStaging, publish, removeStaleStaging, stagingDir } from './publish.ts';
import type { Bucket } from '../stages/usage-bucket-sql.ts';
import { usageBucketTable } from '../stages/usage-bucket-sql.ts';
import { usageIntervalTable } from '../stages/usage-interval-sql.ts';

export interface RunOptions {
  outDir: string;
  engine?: EngineOptions;
  /** Experience bucket (default day). */
  bucket?: Bucket;
  /** Progress lines (to stderr in the CLI). */
  progress?: (line: string) => void;
  runId?: string;
}

export interface RunResult {
  runId: string;
  outDir: string;
  accounts: TableAccount[];
  stages: StageAccount[];
  published: string[];
  seconds: number;
}

/**
 * The run half: for each plan, (1) compile to SQL, (2) execute on the engine into staging,
 * (3) account for every row; then (4) publish all staged outputs at once, or nothing on failure.
 */
export async function runPlans(plans: Plan[], opts: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  const runId = opts.runId ?? new Date().toISOString().replace(/[:.]/g, '-');
  const log = opts.progress ?? (() => {});
  removeStaleStaging(opts.outDir);
  const stage = stagingDir(opts.outDir, runId);
  mkdirSync(stage, { recursive: true });
  const engine = await openDuckDb({ ...opts.engine, tempDir: opts.engine?.tempDir ?? path.join(stage, '.spill') });
  const accounts: TableAccount[] = [];
  const stages: StageAccount[] = [];
  const targets = new Map<string, WriteStatement>();
  try {
    for (const plan of plans) {
      const compiled = compilePlan(plan, duckdbDialect, { stageDir: stage, bucket: opts.bucket });
      for (const s of compiled.statements) await execute(engine, s, plan.utility, log);
      for (const t of plan.tables) accounts.push(await accountTable(engine, duckdbDialect, plan.utility, t, plan.tables.map((x) => x.table)));
      if (plan.tables.some((t) => t.table === 'intervals')) stages.push(...(await accountStages(engine, plan.utility, opts.bucket ?? 'day')));
      for (const w of compiled.writes) {
        mkdirSync(path.join(stage, w.layer), { recursive: true });
        await timed(log, `${plan.utility} write ${w.layer}/${w.table}`, () => engine.run(w.sql));
        targets.set(`${w.layer}/${w.table}`, w);
      }
      const temp = [...plan.tables.flatMap((t) => [work.conv, work.hist, work.std, work.rej].map((f) => f(t.table))), usageIntervalTable, usageBucketTable];
      for (const name of temp) await engine.run(`DROP TABLE IF EXISTS "${name}"`);
    }
  } catch (e) {
    engine.close();
    discardStaging(stage);
    throw e;
  }
  engine.close();
  const utilities = [...new Set(plans.map((p) => p.utility))];
  const published = publish(opts.outDir, stage, utilities, [...targets.values()]);
  const seconds = (performance.now() - t0) / 1000;
  const result: RunResult = { runId, outDir: opts.outDir, accounts, stages, published, seconds };
  mkdirSync(path.join(opts.outDir, '_runs'), { recursive: true });
  writeFileSync(path.join(opts.outDir, '_runs', `${runId}.json`), JSON.stringify({ ...result, mappings: plans.map((p) => p.mapping) }, null, 2) + '\n');
  return result;
}

async function execute(engine: Engine, s: Statement, utility: string, log: (l: string) => void) {
  if (s.kind === 'fixup') {
    const [row] = await engine.query<{ n: bigint }>(s.when!.replace('count(*)', 'count(*) AS n'));
    if (Number(row.n) === 0) return;
  }
  if (s.kind === 'check') {
    const rows = await engine.query(s.sql);
    if (rows.length) {
      const [table] = s.name.split('.');
      const key = Object.keys(rows[0]).filter((k) => k !== 'n');
      throw new DiagnosticError([
        diag('dedupe-conflict', {
          table: `${utility}/${table}`,
          count: rows.length >= 5 ? '5 or more' : rows.length,
          key: key.join(', '),
          sample: JSON.stringify(rows[0], (_, v) => (typeof v === 'bigint' ? Number(v) : v)),
        }),
      ]);
    }
    return;
  }
  await timed(log, `${utility} ${s.label}`, () => engine.run(s.sql));
}

async function timed(log: (l: string) => void, label: string, fn: () => Promise<void>) {
  const t = performance.now();
  log(`… ${label}`);
  await fn();
  log(`✓ ${label} (${((performance.now() - t) / 1000).toFixed(2)} s)`);
}

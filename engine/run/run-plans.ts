import { hmacPads, readPseudonymKey } from '../util/pseudonym-key.ts';
import { requirePseudonymKey } from './pseudonym-check.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compilePlan, type WriteStatement } from '../compile/compile-plan.ts';
import { work } from '../sql/statement.ts';
import type { Plan } from '../plan/types.ts';
import { accountStages, accountTable, type StageAccount, type TableAccount } from './accounting.ts';
import { openEngine, type EngineKind } from '../engines/open-engine.ts';
import type { Engine, EngineOptions } from '../engines/engine.ts';
import { afterSwitch, discardStaging, publish } from './publish.ts';
import { withOutFolder } from './out-folder.ts';
import { startSet } from './output-set.ts';
import { faultPoint } from './fault.ts';
import { usageBucketBuildName, usageBucketBuildStatements, usageBucketGroupsSql, usageBucketTable, type Bucket } from '../stages/usage-bucket-sql.ts';
import { usageIntervalTable, usageMonthsTable } from '../stages/usage-interval-sql.ts';
import { usageByAreaTable } from '../stages/usage-area-screen-sql.ts';
import { pseudonymTable } from '../stages/pseudonym-sql.ts';
import { execute, Steps, type Timing } from './execute.ts';
import { bucketPasses } from './passes.ts';
import { checkPhase, dqWrites, runContext } from './run-dq.ts';
import { combineRules, type RuleSet } from '../plan/rules.ts';
import type { RuleResult } from '../dq/types.ts';
import { appendHistory, loadPrevious } from '../dq/history.ts';
import { buildReport, type DqReport } from '../dq/report.ts';
import { skippedForUnknownUtilities } from '../dq/unknown-utilities.ts';
import { DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { scanSources } from './source-scan.ts';
import { ONLY_WHEN_ROWS, removeEmptyPartitionFolder, removeIfNoFiles } from './empty-outputs.ts';
import { writeParts } from './write-parts.ts';
import { scanFactsStatements } from '../compile/scan-facts-sql.ts';
import { writeViewFacts } from './view-definitions.ts';

export interface RunOptions {
  outDir: string;
  engine?: EngineOptions;
  /** The engine that executes the plans (default DuckDB embedded). */
  engineKind?: EngineKind;
  /** Experience bucket (default day). */
  bucket?: Bucket;
  /** Data-quality rules for every utility (the mappings add their own). */
  rules?: RuleSet;
  /** "Now" for relative bounds and freshness (default: the current time). */
  runDate?: Date;
  /** Progress lines (to stderr in the CLI). */
  progress?: (line: string) => void;
  /** A status line redrawn in place while a step runs (a terminal); replaces the steps' start lines. */
  status?: (line: string) => void;
  runId?: string;
  /** Passes of the Experience aggregate (default: from its estimated groups and the memory limit). */
  bucketPasses?: number;
  /** Seconds to wait for another run holding the lock of `outDir` (default 0: fail at once). */
  waitSeconds?: number;
  /** Old output sets kept besides the current one (default 3). */
  keepVersions?: number;
  /** Warnings about the output folder (stale lock, interrupted publish, history not written). */
  warn?: (d: Diagnostic) => void;
  /**
   * Runs after the switch, while the run still holds the lock on `outDir` (e.g. the HTML report, so
   * no other run publishes meanwhile). The set is published by then: it must not throw.
   */
  afterPublish?: (result: RunResult) => Promise<void>;
  /** Secret of the external level's pseudonyms (default: the GRIDFLOW_PSEUDONYM_KEY variable). */
  pseudonymKey?: Buffer;
}

export interface RunResult {
  runId: string;
  outDir: string;
  accounts: TableAccount[];
  stages: StageAccount[];
  dq: DqReport;
  /** Wall seconds of every step, by utility and phase. */
  timings: Timing[];
  published: string[];
  /** The published set, relative to `outDir` (`versions/<run>`; `current` points to it). */
  set: string;
  seconds: number;
}

/** A run stopped by a data-quality rule with action fail; carries the report of the checks. */
export class DqFailure extends Error {
  constructor(readonly report: DqReport, readonly rules: string[]) {
    super(`data-quality rules failed: ${rules.join(', ')}`);
  }
}

/** A run into `opts.outDir` as its one writer (see out-folder.ts): runs the plans and publishes their set. */
export async function runPlans(plans: Plan[], opts: RunOptions): Promise<RunResult> {
  const runId = opts.runId ?? new Date().toISOString().replace(/[:.]/g, '-');
  const warn = opts.warn ?? (() => {});
  const folder = { waitSeconds: opts.waitSeconds ?? 0, warn, progress: opts.progress ?? (() => {}) };
  return withOutFolder(opts.outDir, runId, folder, async () => {
    const result = await runLocked(plans, { ...opts, warn }, runId);
    await opts.afterPublish?.(result);
    return result;
  });
}

type LockedOptions = RunOptions & { warn: (d: Diagnostic) => void };

/** A run stopped because the CSV reader lost lines of a source file; carries the accounting so far. */
export class CoverageFailure extends DiagnosticError {
  constructor(diagnostics: Diagnostic[], readonly accounts: TableAccount[]) {
    super(diagnostics);
  }
}

/**
 * The run half: for each plan, (1) compile to SQL, (2) standardize on the engine, (3) check the
 * standardized tables (quarantine), (4) account for every row, (5) build the stages and check
 * them, (6) write everything to staging; then (7) publish all at once — or nothing on failure.
 */
async function runLocked(plans: Plan[], opts: LockedOptions, runId: string): Promise<RunResult> {
  const t0 = performance.now();
  const runDate = opts.runDate ?? new Date();
  const bucket = opts.bucket ?? 'day';
  const pseudonym = hmacPads(requirePseudonymKey(opts.pseudonymKey ?? readPseudonymKey(undefined)));
  const steps = new Steps(opts.progress ?? (() => {}), opts.status);
  const stage = startSet(opts.outDir, runId);
  const engine = await openEngine(opts.engineKind, { ...opts.engine, tempDir: opts.engine?.tempDir ?? path.join(stage, '.spill') });
  const d = engine.dialect;
  steps.track(() => engine.progress?.());
  let open = true;
  const close = () => void (open && ((open = false), engine.close()));
  const accounts: TableAccount[] = [];
  const stages: StageAccount[] = [];
  const results: RuleResult[] = [];
  const targets = new Map<string, WriteStatement>();
  const dqOpts = { sampleCap: 100, spikeFactor: opts.rules?.spikeFactor ?? 2, previous: loadPrevious(opts.outDir) };
  try {
    for (const plan of plans) {
      const compiled = compilePlan(plan, d, { stageDir: stage, bucket, pseudonym });
      const rules = combineRules(opts.rules?.rules ?? [], [plan]);
      const ctx = runContext(d, plan, runDate, bucket, pseudonym);
      const count = 'count the lines of the source files';
      const scans = await steps.run(plan.utility, 'standardize', count, async () => scanSources(plan));
      for (const t of plan.tables)
        for (const s of scanFactsStatements(d, t, scans.get(t.table)!)) await engine.run(s.sql);
      for (const s of compiled.statements) await execute(engine, s, plan.utility, steps, 'standardize');
      const checked = await steps.run(plan.utility, 'dq', 'data quality: standardized tables', () => checkPhase(engine, 'standardized', rules, ctx, dqOpts));
      for (const t of plan.tables) {
        const quarantined = checked.filter((r) => r.table === t.table).reduce((a, r) => a + (r.quarantined ?? 0), 0);
        accounts.push(await accountTable(engine, d, plan.utility, t, plan.tables.map((x) => x.table), quarantined));
      }
      const lost = accounts.flatMap((a) => a.findings ?? []);
      if (lost.length) throw new CoverageFailure(lost, accounts);
      // The rejects read the converted rows (keep: quarantine's held-back rows) and the repeated keys:
      // written now, so that those and the history are freed before the stages need the memory.
      const [rejectWrites, writes] = splitWrites([...compiled.writes, ...dqWrites(d, plan.utility, stage).writes]);
      await writeAll(engine, steps, plan.utility, stage, rejectWrites, targets);
      const working = plan.tables.flatMap((t) => [work.conv, work.hist, work.rep, work.rej].map((f) => f(t.table)));
      for (const name of working) await engine.run(`DROP TABLE IF EXISTS "${name}"`);
      // Large runs aggregate the Experience stage in several passes (chosen from an estimate of its
      // groups once the usage per start time is stored), so its memory stays bounded.
      const passesOf = async () => {
        if (opts.bucketPasses) return opts.bucketPasses;
        if (!opts.engine?.memoryLimit) return 1;
        const [g] = await engine.query<{ n: bigint }>(usageBucketGroupsSql(d));
        return bucketPasses(Number(g.n), opts.engine.memoryLimit);
      };
      for (const s of compiled.stageStatements) {
        const passes = s.name === usageBucketBuildName(bucket) ? await passesOf() : 1;
        const run = passes > 1 ? usageBucketBuildStatements(d, plan.timezone, bucket, passes) : [s];
        for (const x of run) await execute(engine, x, plan.utility, steps, x.name.startsWith('usage_interval') ? 'product' : 'experience');
      }
      if (compiled.stageStatements.length) stages.push(...(await accountStages(engine, plan.utility, bucket)));
      const staged = await steps.run(plan.utility, 'dq', 'data quality: stage tables', () => checkPhase(engine, 'stages', rules, ctx, dqOpts));
      results.push(...checked, ...staged);
      await writeAll(engine, steps, plan.utility, stage, writes, targets);
      const view = writeViewFacts(stage, plan);
      if (view) targets.set(path.dirname(view), { layer: 'product', table: path.basename(path.dirname(view)), sql: '' });
      for (const sql of dqWrites(d, plan.utility, stage).reset) await engine.run(sql);
      await engine.run(`DROP VIEW IF EXISTS "${usageIntervalTable}"`);
      const temp = [
        ...plan.tables.map((t) => work.std(t.table)),
        usageBucketTable,
        usageMonthsTable,
        usageByAreaTable,
        pseudonymTable,
      ];
      for (const name of temp) await engine.run(`DROP TABLE IF EXISTS "${name}"`);
    }
    results.push(...skippedForUnknownUtilities(combineRules(opts.rules?.rules ?? [], plans), plans.map((p) => p.utility)));
    const report = buildReport(runId, runDate, rowCounts(accounts, stages), results);
    const failed = results.filter((r) => r.action === 'fail' && r.status === 'error').map((r) => `${r.utility}/${r.rule}`);
    if (failed.length) throw new DqFailure(report, failed);
    close();
    const utilities = [...new Set(plans.map((p) => p.utility))];
    const publishing = { keepVersions: opts.keepVersions ?? 3, warn: opts.warn };
    const { folders, set } = publish(opts.outDir, stage, runId, utilities, targets.values(), publishing);
    afterSwitch(runId, 'writing the data-quality history', opts.warn, () => {
      appendHistory(opts.outDir, runId, runDate, results);
      faultPoint('history');
    });
    const seconds = (performance.now() - t0) / 1000;
    const { timings } = steps;
    const { outDir } = opts;
    const dq = report;
    const result: RunResult = { runId, outDir, accounts, stages, dq, timings, published: folders, set, seconds };
    afterSwitch(runId, 'writing the run record', opts.warn, () => (writeRecord(result, plans), faultPoint('recorded')));
    return result;
  } catch (e) {
    close();
    discardStaging(stage);
    throw e;
  }
}

/** The rejects' writes (run once the tables are accounted for), then every other write in order. */
function splitWrites(writes: WriteStatement[]): [WriteStatement[], WriteStatement[]] {
  const rejects = (w: WriteStatement) => w.layer === 'internal/rejects';
  return [writes.filter(rejects), writes.filter((w) => !rejects(w))];
}

/** Writes into the staging folder; a folder that holds files becomes a target of the publish. */
async function writeAll(
  engine: Engine,
  steps: Steps,
  utility: string,
  stage: string,
  writes: WriteStatement[],
  targets: Map<string, WriteStatement>,
): Promise<void> {
  for (const w of writes) {
    mkdirSync(path.join(stage, w.layer), { recursive: true });
    // The Product is a view: its join runs as it is written, so its writes are the Product stage.
    const phase = w.layer === 'product' ? 'product' : w.layer === 'experience' ? 'experience' : 'write';
    await steps.run(utility, phase, `write ${w.layer}/${w.table}`, async () => {
      for (const part of await writeParts(engine, w)) {
        if (part.folder) mkdirSync(part.folder, { recursive: true });
        await engine.run(part.sql, { unordered: part.unordered });
        if (part.folder) removeEmptyPartitionFolder(part.folder, path.join(stage, w.layer, w.table));
      }
    });
    if (ONLY_WHEN_ROWS.has(w.layer) && removeIfNoFiles(stage, w.layer, w.table)) continue;
    targets.set(`${w.layer}/${w.table}`, w);
  }
}

function writeRecord(result: RunResult, plans: Plan[]): void {
  const file = path.join(result.outDir, '_runs', `${result.runId}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...result, mappings: plans.map((p) => p.mapping) }, null, 2) + '\n');
}

function rowCounts(accounts: TableAccount[], stages: StageAccount[]) {
  return [
    ...accounts.map((a) => ({ utility: a.utility, layer: 'standardized', table: a.table, rows: a.written })),
    ...stages.map((s) => ({ utility: s.utility, layer: s.table === 'usage_interval' ? 'product' : 'experience', table: s.table, rows: s.rows })),
  ];
}

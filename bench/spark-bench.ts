import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMapping } from '../engine/read/read-mapping.ts';
import { runPlans } from '../engine/run/run-plans.ts';
import { DEFAULT_RULES, readRules } from '../engine/read/read-rules.ts';
import type { Phase, Timing } from '../engine/run/execute.ts';
import { closeSharedSparkSessions } from '../engine/engines/spark-engine.ts';
import { benchData } from './bench-data.ts';
// Types only: bench.ts imports this file when it runs, and hands its DuckDB harness in.
import type { BenchOptions, BenchResult } from './bench.ts';
import { newestEventLog, summarizeEventLog, type EventLogSummary } from './spark-event-log.ts';
import type { StageFigures } from './spark-stage-figures.ts';

/**
 * `npm run bench -- --engine spark [--master local[N]] --rows N`: the same files through the same
 * pipeline on DuckDB and on Spark in one process, the ratio Spark / DuckDB, and (for local masters)
 * local[1] against local[2], whose ratio of throughputs is the scaling factor on two cores. Each
 * Spark run writes an event log; its summary says where Spark's time goes (steps by task time,
 * their heaviest physical operators, GC and shuffle).
 */
export interface SparkBenchOptions extends BenchOptions {
  /** The Spark master of the main run (default local[2]). */
  master?: string;
  /** Where the event logs go (default bench/data/rows-N/spark-events). */
  eventLog?: string;
  /** Driver memory of local mode (the executors live in the driver's JVM). */
  driverMemory?: string;
}

export interface SparkRunFigure {
  master: string;
  seconds: number;
  rowsPerSecond: number;
  stages: { stage: Phase; seconds: number }[];
  /** One-minute load average of the machine before and after the run (the machine is shared). */
  load: [number, number];
  /** The steps with the most Spark task time, with the plan operators that dominate them. */
  topSteps: StepFigure[];
  eventLog: Omit<EventLogSummary, 'executions'>;
  accounting: { utility: string; table: string; read: number; written: number }[];
}

export interface StepFigure {
  step: string;
  wallSeconds: number;
  taskSeconds: number;
  gcSeconds: number;
  shuffleMB: number;
  operators: string;
}

export interface SparkBenchResult {
  date: string;
  rows: number;
  cores: number;
  duckdb: BenchResult;
  duckdbLoad: [number, number];
  spark: SparkRunFigure[];
  /** Spark seconds at the main master / DuckDB pipeline seconds. */
  ratio: number;
  /** Throughput local[2] / local[1], when both ran. */
  scaling?: number;
}

const PHASES: Phase[] = ['standardize', 'dq', 'product', 'experience', 'write'];
const load1 = () => os.loadavg()[0];

export type DuckDbBench = (o: BenchOptions) => Promise<BenchResult>;

export async function runSparkBench(o: SparkBenchOptions, runBench: DuckDbBench): Promise<SparkBenchResult> {
  const say = o.quiet ? () => {} : (s: string) => process.stderr.write(s + '\n');
  const l0 = load1();
  const duckdb = await runBench(o);
  const duckdbLoad: [number, number] = [l0, load1()];
  say(`duckdb: ${duckdb.pipelineSeconds.toFixed(1)} s`);
  const master = o.master ?? 'local[2]';
  const masters = [master, ...(master === 'local[2]' ? ['local[1]'] : master === 'local[1]' ? ['local[2]'] : [])];
  const spark: SparkRunFigure[] = [];
  for (const m of masters) {
    spark.push(await sparkRun(o, m, say));
    say(`spark ${m}: ${spark.at(-1)!.seconds.toFixed(1)} s`);
  }
  const by = (m: string) => spark.find((r) => r.master === m);
  const [one, two] = [by('local[1]'), by('local[2]')];
  return {
    date: new Date().toISOString(),
    rows: o.rows,
    cores: os.availableParallelism(),
    duckdb,
    duckdbLoad,
    spark,
    ratio: spark[0].seconds / duckdb.pipelineSeconds,
    scaling: one && two ? one.seconds / two.seconds : undefined,
  };
}

async function sparkRun(o: SparkBenchOptions, master: string, say: (s: string) => void): Promise<SparkRunFigure> {
  const data = await benchData(o.rows);
  const plans = data.mappings.map((m) => {
    const { plan, diagnostics } = readMapping(m);
    if (!plan) throw new Error(`bench mapping ${m}: ${JSON.stringify(diagnostics)}`);
    return plan;
  });
  const events = path.resolve(o.eventLog ?? path.join(data.dir, 'spark-events'), master.replace(/\W+/g, ''));
  rmSync(events, { recursive: true, force: true });
  mkdirSync(events, { recursive: true });
  const out = path.join(data.dir, `out-spark-${master.replace(/\W+/g, '')}`);
  rmSync(out, { recursive: true, force: true });
  const sparkConf = {
    'spark.eventLog.enabled': 'true',
    'spark.eventLog.dir': `file://${events}`,
    // One plain JSON-lines file (Spark 4 rolls and compresses by default).
    'spark.eventLog.rolling.enabled': 'false',
    'spark.eventLog.compress': 'false',
    'spark.driver.memory': o.driverMemory ?? '3g',
  };
  const l0 = load1();
  const t0 = performance.now();
  const result = await runPlans(plans, {
    outDir: out,
    rules: readRules(DEFAULT_RULES).ruleSet!,
    runDate: new Date('2025-03-01T00:00:00Z'),
    engineKind: 'spark',
    engine: { master, threads: threadsOf(master), sparkConf },
    progress: o.quiet ? undefined : say,
  });
  const seconds = (performance.now() - t0) / 1000;
  const load: [number, number] = [l0, load1()];
  closeSharedSparkSessions();
  if (!o.keep) rmSync(out, { recursive: true, force: true });
  const log = await settledEventLog(events);
  const { executions, ...totals } = summarizeEventLog(log);
  const secondsOf = (stage: Phase) => sum(result.timings.filter((t) => t.phase === stage), (t) => t.seconds);
  const stages = PHASES.map((stage) => ({ stage, seconds: secondsOf(stage) }));
  return {
    master,
    seconds,
    rowsPerSecond: o.rows / seconds,
    stages,
    load,
    topSteps: topSteps(result.timings, executions),
    eventLog: totals,
    accounting: result.accounts.map((a) => ({ utility: a.utility, table: a.table, read: a.read, written: a.written })),
  };
}

/** `local[N]` → N, which also sets the shuffle partitions (2 × N) in the engine. */
function threadsOf(master: string): number | undefined {
  const n = /^local\[(\d+)\]$/.exec(master)?.[1];
  return n ? Number(n) : undefined;
}

/** The event log once Spark has closed it (renamed from `.inprogress`), or as it is after 30 s. */
async function settledEventLog(dir: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const f = newestEventLog(dir);
    if (f && !f.endsWith('.inprogress')) return f;
    await new Promise((r) => setTimeout(r, 500));
  }
  const f = newestEventLog(dir);
  if (!f) throw new Error(`no Spark event log in ${dir}`);
  return f;
}

/** Each SQL execution is charged to the run step it started in (clocks: epoch ms vs performance.now()). */
function topSteps(timings: Timing[], executions: ReturnType<typeof summarizeEventLog>['executions']) {
  const steps = timings.map((t) => ({
    step: `${t.utility} ${t.step}`,
    from: performance.timeOrigin + t.startedAt,
    to: performance.timeOrigin + t.startedAt + t.seconds * 1000,
    wallSeconds: t.seconds,
    ...{ taskSeconds: 0, gcSeconds: 0, shuffleMB: 0, ops: new Map<string, number>() },
  }));
  for (const x of executions) {
    const s = steps.find((st) => x.startMs >= st.from && x.startMs <= st.to);
    if (!s) continue;
    s.taskSeconds += x.taskSeconds;
    s.gcSeconds += x.gcSeconds;
    s.shuffleMB += x.shuffleWriteMB;
    if (x.operators) s.ops.set(x.operators, (s.ops.get(x.operators) ?? 0) + x.taskSeconds);
  }
  return steps
    .sort((a, b) => b.taskSeconds - a.taskSeconds)
    .slice(0, 8)
    .map(({ step, wallSeconds, taskSeconds, gcSeconds, shuffleMB, ops }) => ({
      ...{ step, wallSeconds, taskSeconds, gcSeconds, shuffleMB },
      operators: [...ops].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '',
    }));
}

const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);

export function formatSparkBench(r: SparkBenchResult): string {
  const n = (x: number, d = 2) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const loads = (l: [number, number]) => `load ${n(l[0])} → ${n(l[1])}`;
  const d = r.duckdb;
  const size = `${n(d.inputMB, 0)} MB of CSV`;
  const head = `engine       ${PHASES.map((p) => p.padStart(11)).join('')}   pipeline      rows/s`;
  const row = (name: string, stages: { seconds: number }[], seconds: number) =>
    [
      name.padEnd(12),
      stages.map((s) => n(s.seconds).padStart(11)).join(''),
      n(seconds).padStart(10),
      n(r.rows / seconds, 0).padStart(11),
    ].join(' ');
  const lines = [
    `gridflow bench on Spark: ${r.rows.toLocaleString('en-US')} interval rows, ${size}, ${r.cores} cores`,
    '',
    head,
    `${row('duckdb', d.stages, d.pipelineSeconds)}   (${loads(r.duckdbLoad)})`,
    ...r.spark.map((s) => `${row(`spark ${s.master}`, s.stages, s.seconds)}   (${loads(s.load)})`),
    '',
    `ratio Spark ${r.spark[0].master} / DuckDB: ${n(r.ratio, 1)}×`,
    ...(r.scaling === undefined ? [] : [`scaling local[2] / local[1] (throughput): ${n(r.scaling)}×`]),
  ];
  for (const s of r.spark) {
    const e = s.eventLog;
    lines.push('', `where Spark's time goes, ${s.master} (event log ${path.basename(e.file)}):`);
    const shuffle = `shuffle written ${n(e.shuffleWriteMB, 0)} MB`;
    lines.push(`  task time ${n(e.taskSeconds, 1)} s, of which JVM GC ${n(e.gcSeconds, 1)} s; ${shuffle}`);
    lines.push(`  ${stageLine(e.stages, n)}`);
    lines.push('  step                                          wall s   task s   GC s  shuffle MB  operators');
    for (const t of s.topSteps)
      lines.push(
        [
          `  ${t.step.slice(0, 44).padEnd(44)}`,
          n(t.wallSeconds, 1).padStart(7),
          n(t.taskSeconds, 1).padStart(8),
          n(t.gcSeconds, 1).padStart(6),
          n(t.shuffleMB, 0).padStart(11),
          ` ${t.operators}`,
        ].join(' '),
      );
  }
  return lines.join('\n');
}

/** `1,036 jobs, 1,641 stages, …; biggest stages (task s / tasks) 12.1/4, …; one-task stages 3.2 s of task time`. */
function stageLine(f: StageFigures, n: (x: number, d?: number) => string): string {
  const count = `${n(f.jobs, 0)} jobs, ${n(f.stages, 0)} stages, ${n(f.tasks, 0)} tasks`;
  const biggest = f.biggest.map((s) => `${n(s.taskSeconds, 1)}/${s.tasks}`).join(', ');
  const one = `one-task stages ${n(f.oneTaskSeconds, 1)} s of task time`;
  return `${count}; biggest stages (task s / tasks) ${biggest}; ${one}`;
}

/** The command line's `--engine spark`: runs, prints, and appends the figures to bench/results/spark.jsonl. */
export async function sparkBenchMain(o: SparkBenchOptions, runBench: DuckDbBench, results?: string): Promise<void> {
  const r = await runSparkBench(o, runBench);
  console.log(formatSparkBench(r));
  const file = path.resolve(results ?? 'bench/results/spark.jsonl');
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify(r) + '\n');
  console.log(`appended to ${path.relative(process.cwd(), file)}`);
}

import { appendFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readMapping } from '../engine/read/read-mapping.ts';
import { runPlans } from '../engine/run/run-plans.ts';
import { openDuckDb } from '../engine/engines/duckdb-engine.ts';
import { DEFAULT_RULES, readRules } from '../engine/read/read-rules.ts';
import type { Phase, Timing } from '../engine/run/execute.ts';
import { benchData } from './bench-data.ts';
import { RssSampler } from './rss-sampler.ts';
import { outputTables, type OutputTable } from './output-figures.ts';
import { measureReference, stageValues, valuesByStage } from './bench-figures.ts';
import type { ReferenceFigures, StageValues } from './bench-figures.ts';
import { formatFigures } from './format-figures.ts';

/**
 * The benchmark: the whole pipeline (standardize → DQ → product → experience → write) on
 * generated data in the two utilities' layouts, against the floor measured in the same process on
 * the same files: DuckDB's `SELECT count(*)` over the raw CSVs. The ratio pipeline / floor is
 * comparable across machines where seconds are not.
 *
 *   npm run bench -- --rows 10000000 [--memory-limit 700MB] [--threads 2]
 *   npm run bench -- --smoke            # 100k rows, as CI runs it
 *   npm run bench -- --no-reference     # without the hand-written reference pipeline (quicker)
 */
export interface BenchOptions {
  rows: number;
  memoryLimit: string;
  threads?: number;
  /** Where outputs go (deleted after the run unless keep). */
  out?: string;
  keep?: boolean;
  results?: string;
  quiet?: boolean;
  /** The DQ rules file (default: the shipped dq/rules.yaml). */
  rules?: string;
  /** Time the hand-written reference pipeline too (default true). */
  reference?: boolean;
  /** Write DuckDB's profile of every statement there (`bench/profile-summary.ts` reads them). */
  profile?: string;
}

export interface StageFigure extends StageValues {
  stage: string;
  seconds: number;
  rowsPerSecond: number;
  peakRssMB: number;
}

export interface BenchResult {
  date: string;
  rows: number;
  inputMB: number;
  cores: number;
  memoryLimit: string;
  floorSeconds: number;
  pipelineSeconds: number;
  ratio: number;
  peakRssMB: number;
  /** The step whose run held the peak RSS (`utility step`), with its own peak. */
  peakRssStep?: { step: string; peakRssMB: number };
  stages: StageFigure[];
  /** What the output set holds per published table and utility (rows, column values). */
  outputs: OutputTable[];
  /** The hand-written reference pipeline on the same files (absent with --no-reference). */
  reference?: ReferenceFigures;
  /** pipeline / reference seconds. */
  ratioReference?: number;
  accounting: { utility: string; table: string; read: number; written: number }[];
}

const PHASES: Phase[] = ['standardize', 'dq', 'product', 'experience', 'write'];
const MB = 1024 * 1024;

export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const data = await benchData(o.rows);
  const say = o.quiet ? () => {} : (s: string) => process.stderr.write(s + '\n');
  if (data.generatedSeconds !== undefined) say(`generated ${o.rows.toLocaleString('en-US')} interval rows in ${data.generatedSeconds.toFixed(1)} s`);
  const floorSeconds = await floor(data.files, o);
  const plans = data.mappings.map((m) => {
    const { plan, diagnostics } = readMapping(m);
    if (!plan) throw new Error(`bench mapping ${m}: ${JSON.stringify(diagnostics)}`);
    return plan;
  });
  const rules = readRules(o.rules ?? DEFAULT_RULES).ruleSet!;
  const out = o.out ?? path.join(data.dir, 'out');
  rmSync(out, { recursive: true, force: true });
  const sampler = new RssSampler();
  sampler.start();
  const t0 = performance.now();
  const runDate = new Date('2025-03-01T00:00:00Z');
  const result = await runPlans(plans, {
    outDir: out,
    rules,
    runDate,
    engine: { memoryLimit: o.memoryLimit, threads: o.threads, profileDir: o.profile },
    progress: o.quiet ? undefined : say,
  });
  const pipelineSeconds = (performance.now() - t0) / 1000;
  sampler.stop();
  const outputs = await outputTables(path.join(out, result.set));
  if (!o.keep) rmSync(out, { recursive: true, force: true });
  const values = valuesByStage(outputs, result.timings);
  const refOut = `${out}-reference`;
  const { memoryLimit, threads } = o;
  const reference =
    o.reference === false
      ? undefined
      : await measureReference({ dataDir: data.dir, out: refOut, rows: o.rows, memoryLimit, threads, runDate },
          outputs);
  if (reference && !o.keep) rmSync(refOut, { recursive: true, force: true });
  const stages = PHASES.map((phase) => {
    const steps = result.timings.filter((t) => t.phase === phase);
    const seconds = steps.reduce((a, t) => a + t.seconds, 0);
    const peak = Math.max(0, ...steps.map((t) => sampler.peak(t.startedAt, t.startedAt + t.seconds * 1000)));
    const rowsPerSecond = seconds ? o.rows / seconds : 0;
    return { stage: phase, seconds, rowsPerSecond, peakRssMB: peak / MB, ...stageValues(values, phase, seconds) };
  });
  const inputMB = data.files.reduce((a, f) => a + statSize(f), 0) / MB;
  return {
    date: new Date().toISOString(),
    rows: o.rows,
    inputMB,
    cores: os.availableParallelism(),
    memoryLimit: o.memoryLimit,
    floorSeconds,
    pipelineSeconds,
    ratio: pipelineSeconds / floorSeconds,
    peakRssMB: sampler.peak() / MB,
    peakRssStep: peakStep(result.timings, sampler),
    stages,
    outputs,
    reference,
    ratioReference: reference ? pipelineSeconds / reference.seconds : undefined,
    accounting: result.accounts.map((a) => ({ utility: a.utility, table: a.table, read: a.read, written: a.written })),
  };
}

/** DuckDB's count(*) over every raw CSV, same engine settings: the fastest anything can read them. */
async function floor(files: string[], o: BenchOptions): Promise<number> {
  const engine = await openDuckDb({ memoryLimit: o.memoryLimit, threads: o.threads });
  try {
    const t = performance.now();
    for (const f of files) await engine.query(`SELECT count(*) FROM read_csv('${f}')`);
    return (performance.now() - t) / 1000;
  } finally {
    engine.close();
  }
}

/** The step with the highest RSS sampled while it ran. */
function peakStep(timings: Timing[], sampler: RssSampler): BenchResult['peakRssStep'] {
  const peakOf = (t: Timing) => sampler.peak(t.startedAt, t.startedAt + t.seconds * 1000);
  const peaks = timings.map((t) => ({ step: `${t.utility} ${t.step}`, peak: peakOf(t) }));
  const top = peaks.reduce((a, p) => (p.peak > a.peak ? p : a), { step: '', peak: 0 });
  return top.step ? { step: top.step, peakRssMB: top.peak / MB } : undefined;
}

function statSize(f: string): number {
  return statSync(f).size;
}

export function formatBench(r: BenchResult): string {
  return formatFigures(r);
}

const USAGE = '--rows N, --smoke, --memory-limit 700MB, --threads N, --keep, --quiet, --no-reference, --rules FILE'
  + ', --profile DIR, --engine duckdb|spark, --master URL, --event-log DIR, --driver-memory 3g';

/** Options of the command line; `--engine spark` and its options are handled by spark-bench.ts. */
type CliOptions = BenchOptions & { engine: string; master?: string; eventLog?: string; driverMemory?: string };

function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = { rows: 1_000_000, memoryLimit: '700MB', engine: 'duckdb' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smoke') o.rows = 100_000;
    else if (a === '--rows') o.rows = Number(argv[++i]);
    else if (a === '--memory-limit') o.memoryLimit = argv[++i];
    else if (a === '--threads') o.threads = Number(argv[++i]);
    else if (a === '--keep') o.keep = true;
    else if (a === '--quiet' || a === '-q') o.quiet = true;
    else if (a === '--no-reference') o.reference = false;
    else if (a === '--rules') o.rules = path.resolve(argv[++i]);
    else if (a === '--profile') o.profile = path.resolve(argv[++i]);
    else if (a === '--engine') o.engine = argv[++i];
    else if (a === '--master') o.master = argv[++i];
    else if (a === '--event-log') o.eventLog = argv[++i];
    else if (a === '--driver-memory') o.driverMemory = argv[++i];
    else throw new Error(`unknown option ${a} (use ${USAGE})`);
  }
  if (!Number.isInteger(o.rows) || o.rows < 1000) throw new Error('--rows needs a whole number ≥ 1000');
  if (!['duckdb', 'spark'].includes(o.engine)) throw new Error('--engine is duckdb or spark');
  if (o.engine !== 'spark' && (o.master || o.eventLog || o.driverMemory))
    throw new Error('--master, --event-log and --driver-memory need --engine spark');
  return o;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const o = parseArgs(process.argv.slice(2));
  if (o.engine === 'spark') {
    const { sparkBenchMain } = await import('./spark-bench.ts');
    await sparkBenchMain(o, runBench, o.results);
    process.exit(0);
  }
  const r = await runBench(o);
  console.log(formatBench(r));
  if (r.peakRssStep) console.log(`peak RSS ${r.peakRssStep.peakRssMB.toFixed(0)} MB during ${r.peakRssStep.step}`);
  const file = path.resolve(o.results ?? 'bench/results/results.jsonl');
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify(r) + '\n');
  console.log(`appended to ${path.relative(process.cwd(), file)}`);
  if (r.reference?.mismatches.length) {
    console.error(`the reference's row counts differ from gridflow's:\n  ${r.reference.mismatches.join('\n  ')}`);
    process.exitCode = 1;
  }
}

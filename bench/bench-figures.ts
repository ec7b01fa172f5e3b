import path from 'node:path';
import type { Timing } from '../engine/run/execute.ts';
import { hmacPads, readPseudonymKey } from '../engine/util/pseudonym-key.ts';
import { countMismatches, outputTables, type OutputTable } from './output-figures.ts';
import { runReferenceProcess } from './reference/reference-process.ts';

/**
 * The figures the harness adds around its stage timings: the column values each stage wrote (from
 * the Parquet footers of the output set) and the hand-written reference pipeline, timed in its own
 * process on the same files, with its row counts checked against gridflow's.
 */
export interface StageValues {
  valuesWritten: number;
  valuesPerSecond: number;
}

export interface ReferenceStageFigure extends StageValues {
  stage: string;
  seconds: number;
  rowsPerSecond: number;
  peakRssMB: number;
}

export interface ReferenceFigures {
  seconds: number;
  peakRssMB: number;
  stages: ReferenceStageFigure[];
  /** The slowest statements, slowest first. */
  slowest: { name: string; stage: string; seconds: number }[];
  outputs: OutputTable[];
  /** Published tables whose row counts differ from gridflow's (empty when the check passes). */
  mismatches: string[];
}

const REFERENCE_STAGES = ['standardize', 'dq', 'product', 'experience', 'write'];

/** The stage that wrote a table's folder: gridflow's `write <folder>` step, else by its top folder. */
export function stageOfTable(table: string, timings: Timing[] = []): string {
  const step = timings.find((t) => t.step === `write ${table}`);
  if (step) return step.phase;
  const top = table.split('/')[0];
  return top === 'product' || top === 'experience' ? top : 'write';
}

export function valuesByStage(tables: OutputTable[], timings: Timing[] = []): Map<string, number> {
  const by = new Map<string, number>();
  for (const t of tables) {
    const stage = stageOfTable(t.table, timings);
    by.set(stage, (by.get(stage) ?? 0) + t.values);
  }
  return by;
}

export function stageValues(values: Map<string, number>, stage: string, seconds: number): StageValues {
  const valuesWritten = values.get(stage) ?? 0;
  return { valuesWritten, valuesPerSecond: seconds ? valuesWritten / seconds : 0 };
}

export interface ReferenceRunOptions {
  dataDir: string;
  out: string;
  rows: number;
  memoryLimit: string;
  threads?: number;
  runDate: Date;
  keep?: boolean;
}

/** Times the reference on the bench data and compares its published row counts with gridflow's outputs. */
export async function measureReference(o: ReferenceRunOptions, gridflow: OutputTable[]): Promise<ReferenceFigures> {
  const key = readPseudonymKey(undefined);
  if (!key) throw new Error('the reference pipeline needs GRIDFLOW_PSEUDONYM_KEY, as gridflow does');
  const run = runReferenceProcess({
    dataDir: path.resolve(o.dataDir),
    out: path.resolve(o.out),
    memoryLimit: o.memoryLimit,
    threads: o.threads,
    pads: hmacPads(key),
    now: o.runDate.toISOString(),
  });
  const outputs = await outputTables(path.resolve(o.out));
  const values = valuesByStage(outputs);
  const stages = REFERENCE_STAGES.map((stage) => {
    const steps = run.steps.filter((s) => s.stage === stage);
    const seconds = steps.reduce((a, s) => a + s.seconds, 0);
    const peakRssMB = Math.max(0, ...steps.map((s) => s.peakRssMB));
    const rowsPerSecond = seconds ? o.rows / seconds : 0;
    return { stage, seconds, rowsPerSecond, peakRssMB, ...stageValues(values, stage, seconds) };
  });
  const slowest = [...run.steps].sort((a, b) => b.seconds - a.seconds).slice(0, 5);
  return {
    seconds: run.seconds,
    peakRssMB: run.peakRssMB,
    stages,
    slowest: slowest.map((s) => ({ name: s.name, stage: s.stage, seconds: s.seconds })),
    outputs,
    mismatches: countMismatches(gridflow, outputs),
  };
}

import { existsSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunResult } from '../run/run-plans.ts';
import type { InputFile } from './inputs.ts';

/** A run's record as saved in `<out>/_runs/<run-id>.json`, with what the report adds to it. */
export interface RunRecord extends Omit<RunResult, 'outDir'> {
  mappings?: string[];
  /** Source files with sizes and SHA-256, added by the CLI after the run. */
  inputs?: InputFile[];
  /** The spike factor of the run's rules (history points above factor × previous are spikes). */
  spikeFactor?: number;
}

const runsDir = (outDir: string) => path.join(outDir, '_runs');
const recordFile = (outDir: string, runId: string) => path.join(runsDir(outDir), `${runId}.json`);

/** Adds fields to a saved run record (the report's inputs and spike factor); returns the record. */
export function extendRunRecord(
  outDir: string,
  runId: string,
  extra: Pick<RunRecord, 'inputs' | 'spikeFactor'>,
): RunRecord {
  const file = recordFile(outDir, runId);
  const record = { ...readRecord(file), ...extra };
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  return record;
}

/**
 * The record of the run the report describes: the run of the current set when the output folder
 * has one (`current -> versions/<run-id>`), else the most recently written record.
 */
export function latestRunRecord(outDir: string): RunRecord | undefined {
  const dir = runsDir(outDir);
  if (!existsSync(dir)) return undefined;
  const current = path.join(outDir, 'current');
  const currentId = existsSync(current) ? path.basename(realpathSync(current)) : undefined;
  if (currentId && existsSync(recordFile(outDir, currentId))) return readRecord(recordFile(outDir, currentId));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(dir, f));
  if (!files.length) return undefined;
  const age = (f: string) => statSync(f).mtimeMs;
  const newest = files.reduce((a, b) => (age(b) > age(a) || (age(b) === age(a) && b > a) ? b : a));
  return readRecord(newest);
}

function readRecord(file: string): RunRecord {
  return JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
}

import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';

/**
 * One run at a time per `--out`: `DIR/.lock` is created with O_EXCL and holds the pid, host and start
 * time of its run. A second run waits up to `waitSeconds` (0: fails at once) and then fails with exit 2.
 * A lock whose pid is not alive on this host is stale (a killed run): it is taken over with a warning.
 * A lock from another host cannot be checked from here and is only ever waited for.
 */
export interface LockHolder {
  pid: number;
  host: string;
  start: string;
  runId: string;
}

export const LOCK_FILE = '.lock';
/** A lock file still empty after this long belongs to a run killed between creating and writing it. */
const TORN_MS = 10_000;

export async function lockOutFolder(
  outDir: string,
  runId: string,
  opts: { waitSeconds: number; warn: (d: Diagnostic) => void; progress: (line: string) => void },
): Promise<() => void> {
  const file = path.join(outDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), start: new Date().toISOString(), runId };
  const mine = JSON.stringify(holder);
  const deadline = Date.now() + opts.waitSeconds * 1000;
  let told = false;
  for (;;) {
    if (tryCreate(file, mine)) return () => release(file, mine);
    const held = readHolder(file);
    if (held === undefined) continue; // released between our attempt and the read
    if (isStale(file, held)) {
      if (takeStale(file, held)) opts.warn(diag('out-lock-stale', { holder: describe(held.holder) }));
      continue;
    }
    if (Date.now() >= deadline) {
      const waited = opts.waitSeconds > 0 ? `; waited ${opts.waitSeconds} s` : '';
      const hint = `wait for it with --wait SECONDS; if no such run exists, remove ${file}`;
      const d = diag('out-locked', { dir: outDir, holder: describe(held.holder), waited }, { hint });
      throw new DiagnosticError([d], 2);
    }
    const waiting = `waiting for the run writing to ${outDir} (${describe(held.holder)}), up to ${opts.waitSeconds} s`;
    if (!told) opts.progress(waiting);
    told = true;
    await sleep(200);
  }
}

function tryCreate(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, content + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}

interface Held {
  text: string;
  holder?: LockHolder;
}

function readHolder(file: string): Held | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return { text, holder: JSON.parse(text) as LockHolder };
  } catch {
    return { text };
  }
}

function isStale(file: string, held: Held): boolean {
  if (!held.holder) return ageMs(file) > TORN_MS;
  if (held.holder.host !== os.hostname()) return false;
  try {
    process.kill(held.holder.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Moves the stale lock aside and checks that what was moved is the lock judged stale; if another run
 * took over the stale lock in between, its fresh lock is put back.
 */
function takeStale(file: string, held: Held): boolean {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return false;
  }
  if (readFileSync(aside, 'utf8') === held.text) {
    rmSync(aside, { force: true });
    return true;
  }
  renameSync(aside, file);
  return false;
}

function release(file: string, mine: string): void {
  if (readHolder(file)?.text === mine + '\n') rmSync(file, { force: true });
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function describe(h: LockHolder | undefined): string {
  return h ? `run ${h.runId}, pid ${h.pid} on ${h.host}, started ${h.start}` : 'an unreadable lock file';
}

import { constants, copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readlinkSync } from 'node:fs';
import { realpathSync, renameSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';

/**
 * Versioned output sets. A run writes a whole set into `DIR/versions/.incomplete-<run>/`, carries over
 * the folders of the utilities it does not cover from the current set (hard links, copies where links
 * fail), renames it to `DIR/versions/<run>/` and then switches `DIR/current` with one rename of a new
 * symlink over the old one: readers resolve `current` and see the whole old set or the whole new one.
 * Sets are never changed once complete; old ones are pruned after the switch.
 */
export const VERSIONS = 'versions';
export const CURRENT = 'current';
const INCOMPLETE = '.incomplete-';
const POINTER_TMP = '.current-';

/** The folder the current set lives in (symlinks resolved), or undefined when nothing is published. */
export function currentSetDir(outDir: string): string | undefined {
  try {
    return realpathSync(path.join(outDir, CURRENT));
  } catch {
    return undefined;
  }
}

/** A fresh folder for the set of run `runId`, not visible to readers. */
export function startSet(outDir: string, runId: string): string {
  const dir = path.join(outDir, VERSIONS, `${INCOMPLETE}${runId}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Hard-links into `next` every `…/utility_id=U` folder of `prev` whose utility is not in `rerun`, at the
 * same relative path (any depth of layer and table). Calls `onFolder` after each folder.
 */
export function carryOver(prev: string, next: string, rerun: ReadonlySet<string>, onFolder: () => void): number {
  let n = 0;
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(prev, rel), { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      const sub = path.join(rel, e.name);
      if (!e.name.startsWith('utility_id=')) walk(sub);
      else if (!rerun.has(e.name.slice('utility_id='.length))) {
        linkTree(path.join(prev, sub), path.join(next, sub));
        n++;
        onFolder();
      }
    }
  };
  walk('');
  return n;
}

function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const [s, d] = [path.join(from, e.name), path.join(to, e.name)];
    if (e.isDirectory()) linkTree(s, d);
    else if (e.isFile()) link(s, d);
  }
}

function link(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to, constants.COPYFILE_FICLONE); // another file system, or links not allowed
  }
}

/** Renames the staged set to `versions/<run>` and stamps its completion time (the order of sets). */
export function completeSet(outDir: string, stage: string, runId: string): string {
  let name = runId;
  for (let i = 2; existsSync(path.join(outDir, VERSIONS, name)); i++) name = `${runId}-${i}`;
  const dir = path.join(outDir, VERSIONS, name);
  renameSync(stage, dir);
  const now = new Date();
  utimesSync(dir, now, now);
  return dir;
}

/** The one atomic step: a new symlink beside `current`, renamed over it. */
export function switchCurrent(outDir: string, setDir: string, afterLink: () => void): void {
  const tmp = path.join(outDir, `${POINTER_TMP}${path.basename(setDir)}`);
  rmSync(tmp, { force: true });
  symlinkSync(path.join(VERSIONS, path.basename(setDir)), tmp);
  try {
    afterLink();
    renameSync(tmp, path.join(outDir, CURRENT));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Complete sets, newest first (by completion time, then name). */
function completeSets(outDir: string): { name: string; time: number }[] {
  const dir = path.join(outDir, VERSIONS);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .map((name) => ({ name, time: statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time || b.name.localeCompare(a.name));
}

/** Removes the sets older than current beyond the `keep` newest of them; never current. */
export function pruneVersions(outDir: string, keep: number): string[] {
  const current = currentName(outDir);
  const at = completeSets(outDir).findIndex((s) => s.name === current);
  if (at < 0) return [];
  const old = completeSets(outDir).slice(at + 1 + keep).map((s) => s.name);
  for (const name of old) rmSync(path.join(outDir, VERSIONS, name), { recursive: true, force: true });
  return old;
}

/**
 * At the start of a run (under the lock): removes what an interrupted publish left — incomplete sets,
 * a pointer never renamed, and complete sets newer than current (completed, never switched to).
 * Never current, nor the sets older than it.
 */
export function recoverInterrupted(outDir: string): string[] {
  const removed: string[] = [];
  const rm = (rel: string) => (rmSync(path.join(outDir, rel), { recursive: true, force: true }), removed.push(rel));
  for (const e of readdirSync(outDir)) if (e.startsWith(POINTER_TMP)) rm(e);
  const versions = path.join(outDir, VERSIONS);
  if (!existsSync(versions)) return removed;
  for (const e of readdirSync(versions)) if (e.startsWith(INCOMPLETE)) rm(path.join(VERSIONS, e));
  const current = currentName(outDir);
  const sets = completeSets(outDir);
  // Without a current set (never published, or its pointer removed by hand) no complete set is removed.
  const newer = current === undefined ? [] : sets.slice(0, Math.max(0, sets.findIndex((s) => s.name === current)));
  for (const s of newer) rm(path.join(VERSIONS, s.name));
  return removed;
}

function currentName(outDir: string): string | undefined {
  try {
    return path.basename(readlinkSync(path.join(outDir, CURRENT)));
  } catch {
    return undefined;
  }
}

import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';

/**
 * The `.gridflow` marker says a folder is gridflow's. A run writes only into a folder that does not
 * exist, is empty, or carries the marker; anything else is refused before a byte is written, so nothing
 * outside `--out` is touched and nothing inside someone else's folder is deleted. A folder written by an
 * earlier gridflow (the flat layout: `_runs/` beside the layer folders, no marker) is adopted as it is.
 */
export const MARKER = '.gridflow';
export const OUT_FORMAT = 2;

/** What an earlier gridflow wrote at the top of `--out` (format 1, before versioned sets). */
const LEGACY = new Set(['standardized', 'rejects', 'product', 'experience', 'quarantine', 'dq', '_runs', '_dq']);

export function claimOutFolder(outDir: string, warn: (d: Diagnostic) => void): void {
  const dir = path.resolve(outDir);
  refuseDangerous(dir);
  if (!existsSync(dir)) return createMarked(dir);
  if (!statSync(dir).isDirectory()) throw usage(diag('out-not-folder', { dir: outDir }));
  writable(dir, outDir);
  const entries = readdirSync(dir);
  if (entries.includes(MARKER)) return checkMarker(dir, outDir);
  if (entries.length === 0) return writeMarker(dir);
  const legacy = entries.includes('_runs') && entries.every((e) => LEGACY.has(e) || e.startsWith('.staging-'));
  if (!legacy) throw usage(diag('out-foreign', { dir: outDir }, { hint: 'pass an empty or new folder with --out' }));
  writeMarker(dir);
  warn(diag('out-legacy-layout', { dir: outDir, folders: entries.filter((e) => !e.startsWith('_')).join(', ') }, {
    hint: `readers now go through ${path.join(outDir, 'current')}/; the first set holds only this run's utilities`,
  }));
}

/** `/`, the home folder, and the current folder or any of its parents are never an output folder. */
function refuseDangerous(dir: string): void {
  const real = existsSync(dir) ? realpathSync(dir) : dir;
  const cwd = realpathSync(process.cwd());
  const why =
    path.parse(real).root === real ? 'the root of the file system'
    : real === realpathSync(os.homedir()) ? 'your home folder'
    : cwd === real || cwd.startsWith(real + path.sep) ? 'the current folder or one of its parents'
    : undefined;
  const hint = 'pass a folder of its own with --out, e.g. --out out';
  if (why) throw usage(diag('out-dangerous', { dir, why }, { hint }));
}

function createMarked(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw notWritable(nearestExisting(dir), e);
  }
  writeMarker(dir);
}

function checkMarker(dir: string, shown: string): void {
  let format = 0;
  try {
    format = Number((JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8')) as { format?: number }).format);
  } catch {
    // an unreadable marker is still gridflow's: it is rewritten below
  }
  if (format > OUT_FORMAT) throw usage(diag('out-newer-format', { dir: shown, format, ours: OUT_FORMAT }));
  if (format !== OUT_FORMAT) writeMarker(dir);
}

function writeMarker(dir: string): void {
  const marker = { tool: 'gridflow', format: OUT_FORMAT, created: new Date().toISOString() };
  try {
    writeFileSync(path.join(dir, MARKER), JSON.stringify(marker) + '\n');
  } catch (e) {
    throw notWritable(dir, e);
  }
}

/** Throws `out-not-writable` unless `dir` can be written (EROFS and EACCES; root bypasses the mode bits). */
export function writable(dir: string, shown = dir): void {
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw notWritable(shown, e);
  }
}

export function notWritable(dir: string, e: unknown): DiagnosticError {
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return usage(diag('out-not-writable', { dir, detail: code }, { hint: 'pass a folder you can write to with --out' }));
}

/** Write errors that mean "this folder is not writable" (not a missing file). */
export function isNotWritable(e: unknown): boolean {
  return ['EACCES', 'EPERM', 'EROFS'].includes((e as NodeJS.ErrnoException).code ?? '');
}

function nearestExisting(dir: string): string {
  let d = dir;
  while (!existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

const usage = (d: Diagnostic) => new DiagnosticError([d], 2);

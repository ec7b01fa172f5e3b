import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticError } from '../../diagnostics/diagnostic.ts';
import { diag } from '../../diagnostics/catalog.ts';
import type { Plan } from '../../plan/types.ts';
import type { RulePlan } from '../../plan/rules.ts';
import type { Bucket } from '../../stages/usage-bucket-sql.ts';
import { databricksJob } from '../databricks/emit.ts';

/** Lists the files of the last emit into a folder; a folder with it is gridflow's to replace. */
export const EMIT_MARKER = '.gridflow-emit.json';

/**
 * Writes the Databricks job of a plan into `dir`, only inside it: a missing or empty folder, or the
 * folder of an earlier emit (whose files, as its marker lists them, are replaced). Returns the files.
 */
export function emitDatabricksJob(dir: string, plan: Plan, rules: RulePlan[], bucket: Bucket): string[] {
  const root = path.resolve(dir);
  const previous = previousEmit(root, dir);
  const files = databricksJob(plan, rules, bucket);
  for (const f of previous) rmSync(inside(root, f), { force: true });
  for (const [file, text] of Object.entries(files)) {
    const target = inside(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  const names = Object.keys(files).sort();
  writeFileSync(path.join(root, EMIT_MARKER), JSON.stringify({ utility: plan.utility, files: names }, null, 2) + '\n');
  removeEmptyFolders(root);
  return names;
}

/** The files of the earlier emit in `root`, [] for a new or empty folder; any other folder is refused. */
function previousEmit(root: string, shown: string): string[] {
  if (!existsSync(root)) return [];
  if (!statSync(root).isDirectory()) throw new DiagnosticError([diag('emit-dir-not-folder', { dir: shown })]);
  const marker = path.join(root, EMIT_MARKER);
  if (existsSync(marker)) return (JSON.parse(readFileSync(marker, 'utf8')) as { files: string[] }).files;
  if (readdirSync(root).length === 0) return [];
  const hint = `emit into a new or empty folder, or into the folder of an earlier emit (it holds ${EMIT_MARKER})`;
  throw new DiagnosticError([diag('emit-dir-not-empty', { dir: shown }, { hint })]);
}

/** `file` under `root`, refusing any path that would leave it (a tampered marker). */
function inside(root: string, file: string): string {
  const target = path.resolve(root, file);
  if (!target.startsWith(root + path.sep)) throw new Error(`emit path ${file} is outside ${root}`);
  return target;
}

function removeEmptyFolders(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const sub = path.join(dir, e.name);
    removeEmptyFolders(sub);
    if (readdirSync(sub).length === 0) rmSync(sub, { recursive: true });
  }
}

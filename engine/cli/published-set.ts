import { existsSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticError } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { CURRENT, currentSetDir } from '../run/output-set.ts';

/**
 * The folder of the set `DIR/current` points to, resolved once, so every view of one command reads the
 * same set even if a run switches `current` meanwhile. Exit 2 when there is no such folder.
 */
export function publishedSet(outDir: string): string {
  const set = currentSetDir(outDir);
  if (set) return set;
  const legacy = existsSync(path.join(outDir, '_runs')) && !existsSync(path.join(outDir, 'versions'));
  // An existing folder with nothing published yet has no tables (rules are skipped, queries find none).
  if (existsSync(outDir) && !legacy) return path.join(outDir, CURRENT);
  const detail = legacy ? ' (it has the flat layout of an earlier gridflow)' : ' (no such folder)';
  const hint = legacy
    ? 'run `gridflow run` once to publish a versioned set into it'
    : 'run `gridflow run` first, or pass --out';
  throw new DiagnosticError([diag('out-no-set', { dir: outDir, detail }, { hint })], 2);
}

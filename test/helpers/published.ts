import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder readers use for the outputs of a run into `outDir`: the current output set. Every test
 * reads published files through this, so a change of the output layout is one edit here.
 */
export function publishedDir(outDir: string): string {
  return path.join(outDir, 'current');
}

/** What a run leaves only while it runs or when it died: staging sets, a pending pointer, the lock. */
export function leftovers(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  const top = readdirSync(outDir).filter((e) => e.startsWith('.staging-') || e.startsWith('.current-') || e === '.lock');
  const versions = path.join(outDir, 'versions');
  const sets = existsSync(versions) ? readdirSync(versions).filter((e) => e.startsWith('.')).map((e) => `versions/${e}`) : [];
  return [...top, ...sets];
}

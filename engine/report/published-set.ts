import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder of the output set the report reads: `<out>/current` when the output folder keeps
 * versioned sets behind that switch, else the output folder itself (sets directly under --out).
 */
export function publishedSetDir(outDir: string): string {
  const current = path.join(outDir, 'current');
  return existsSync(current) ? current : outDir;
}

/** The report's file inside an output folder. */
export function reportFile(outDir: string): string {
  return path.join(outDir, '_report', 'index.html');
}

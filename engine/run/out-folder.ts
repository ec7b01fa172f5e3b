import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { faultPoint } from './fault.ts';
import { lockOutFolder } from './out-lock.ts';
import { claimOutFolder, isNotWritable, notWritable } from './out-marker.ts';
import { recoverInterrupted } from './output-set.ts';

export interface OutFolderOptions {
  waitSeconds: number;
  warn: (d: Diagnostic) => void;
  progress: (line: string) => void;
}

/**
 * Runs `fn` as the one writer of `outDir`: claims the folder (marker, or refusal), takes its lock, and
 * removes what an interrupted publish left; a write refused by the file system is `out-not-writable`.
 */
export async function withOutFolder<T>(outDir: string, runId: string, opts: OutFolderOptions, fn: () => Promise<T>): Promise<T> {
  claimOutFolder(outDir, opts.warn);
  const release = await lockOutFolder(outDir, runId, opts);
  try {
    const removed = recoverInterrupted(outDir);
    if (removed.length) opts.warn(diag('out-recovered', { what: removed.join(', ') }));
    faultPoint('locked');
    return await fn();
  } catch (e) {
    throw isNotWritable(e) ? notWritable(outDir, e) : e;
  } finally {
    release();
  }
}

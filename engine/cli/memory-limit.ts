import { availableParallelism } from 'node:os';
import { sizeInMB } from '../run/passes.ts';
import { usageError } from './io.ts';

/**
 * The smallest engine memory per thread a run works with. DuckDB spills joins, sorts and aggregates
 * to disk, but each thread keeps buffers of its own that cannot spill (CSV scan, Parquet write).
 * Measured on the generated 1M-row set (both shipped mappings, `--no-rules`): 1 thread works at 100MB;
 * 2 threads run out of memory at 150MB and work at 175MB and 200MB. So 100MB per thread.
 */
export const MIN_MB_PER_THREAD = 100;

/** Refuses a --memory-limit below MIN_MB_PER_THREAD × threads (exit 2), before anything runs. */
export function checkMemoryLimit(limit: string, threads: number | undefined): void {
  const mb = sizeInMB(limit);
  if (mb === undefined) throw usageError(`'${limit}' is not a memory size`, 'write it like 700MB or 2GB');
  const n = threads ?? availableParallelism();
  const min = MIN_MB_PER_THREAD * n;
  if (mb >= min) return;
  const fewer = Math.floor(mb / MIN_MB_PER_THREAD);
  throw usageError(
    `--memory-limit ${limit} is below the minimum of ${min}MB for ${n} engine thread(s) (${MIN_MB_PER_THREAD}MB per thread)`,
    `use --memory-limit ${min}MB${fewer >= 1 ? ` or --threads ${fewer}` : ''}`,
  );
}

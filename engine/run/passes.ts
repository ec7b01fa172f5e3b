/**
 * How many passes the Experience aggregate takes for a utility: its memory grows with the service
 * points × buckets it holds at once, and DuckDB could not spill it at 50M interval rows within
 * 700MB. Splitting the service points into hash buckets bounds it. Measured at 80MB: 1.6M interval
 * rows per pass fit, 2.5M did not; this allows 12k rows per MB of the memory limit (about 40 %
 * margin), e.g. 8.4M rows per pass at the default 700MB, so runs of up to that size take one pass.
 */
export const ROWS_PER_MB = 12_000;

export function bucketPasses(intervalRows: number, memoryLimit: string | undefined): number {
  const mb = memoryLimit ? sizeInMB(memoryLimit) : undefined;
  if (!mb) return 1;
  return Math.max(1, Math.ceil(intervalRows / (mb * ROWS_PER_MB)));
}

/** '700MB', '1GB', '1.5 GiB', '512MiB', '2000KB' → megabytes (undefined when unreadable). */
export function sizeInMB(size: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(KB|KIB|MB|MIB|GB|GIB|TB|TIB)?\s*$/i.exec(size);
  if (!m) return undefined;
  const unit = (m[2] ?? 'MB').toUpperCase().replace('I', '');
  const factor = { KB: 1 / 1000, MB: 1, GB: 1000, TB: 1_000_000 }[unit as 'KB' | 'MB' | 'GB' | 'TB'];
  return Number(m[1]) * factor;
}

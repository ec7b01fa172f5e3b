/**
 * How many passes the Experience aggregate takes for a utility. Its memory grows with the groups
 * (service point × bucket × unit × direction) it holds at once — about a kilobyte each, more than
 * DuckDB could spill: ~3M daily groups (utility 2 at 100M rows) did not fit in 700MB. Splitting
 * the service points into hash buckets bounds it. Measured on utility 1's layout at 80MB: 60k groups per pass fit, 90k did not;
 * this allows 300 groups per MB of the memory limit (2.5× margin), e.g. 210k groups per pass at
 * the default 700MB.
 */
export const GROUPS_PER_MB = 300;

export function bucketPasses(groups: number, memoryLimit: string | undefined): number {
  const mb = memoryLimit ? sizeInMB(memoryLimit) : undefined;
  if (!mb) return 1;
  return Math.max(1, Math.ceil(groups / (mb * GROUPS_PER_MB)));
}

/** '700MB', '1GB', '1.5 GiB', '512MiB', '2000KB' → megabytes (undefined when unreadable). */
export function sizeInMB(size: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(KB|KIB|MB|MIB|GB|GIB|TB|TIB)?\s*$/i.exec(size);
  if (!m) return undefined;
  const unit = (m[2] ?? 'MB').toUpperCase().replace('I', '');
  const factor = { KB: 1 / 1000, MB: 1, GB: 1000, TB: 1_000_000 }[unit as 'KB' | 'MB' | 'GB' | 'TB'];
  return Number(m[1]) * factor;
}

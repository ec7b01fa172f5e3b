/**
 * Bounds of `range` rules and the `max_age` of freshness: numbers, timestamps, or relative to the
 * run date (`now`, `today`, `now - 30 days`, `today + 1 day`). Resolved to literals at evaluation
 * time, so one run date is used for every rule and the result is reproducible with --run-date.
 */
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function isBound(v: unknown): boolean {
  return typeof v === 'number' || parseBound(String(v), new Date(0)) !== undefined;
}

/** A Date for a timestamp bound, a number for a numeric one, undefined when it cannot be read. */
export function parseBound(v: string | number, runDate: Date): Date | number | undefined {
  if (typeof v === 'number') return v;
  const rel = /^\s*(now|today)\s*(?:([+-])\s*(\d+)\s*(minute|hour|day)s?)?\s*$/.exec(v);
  if (rel) {
    const base = rel[1] === 'now' ? runDate.getTime() : Date.UTC(runDate.getUTCFullYear(), runDate.getUTCMonth(), runDate.getUTCDate());
    const delta = rel[2] ? (rel[2] === '-' ? -1 : 1) * Number(rel[3]) * UNIT_MS[rel[4]] : 0;
    return new Date(base + delta);
  }
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(v.trim())) {
    const t = v.trim();
    const d = new Date(/T|\s/.test(t) ? (/(Z|[+-]\d{2}:\d{2})$/.test(t) ? t : `${t}Z`) : `${t}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

export function maxAgeMs(text: string): number {
  const m = /^(\d+)\s*(minute|hour|day)s?$/.exec(text.trim());
  if (!m) throw new Error(`bad max_age '${text}'`);
  return Number(m[1]) * UNIT_MS[m[2]];
}

import { csv } from './util.ts';

/**
 * Fixtures of the VEE rule tests: utility T in New York (so local days have 23, 24 and 25 hours),
 * meters with a category, and intervals with their own length (column d, seconds).
 */
export const VEE_HEAD = 'm,sp,ch,ts,v,u,q,d';

export function veeMapping(rules = ''): string {
  return `utility: T
timezone: America/New_York
service_points:
  source: sp.csv
  columns:
    service_point_id: id
meters:
  source: m.csv
  columns:
    meter_id: id
    service_point_id: sp
    meter_category: cat
intervals:
  source: i.csv
  dedupe: { key: [meter_id, channel_raw, interval_start_ts] }
  columns:
    meter_id: m
    service_point_id: sp
    channel_raw: ch
    interval_start_ts: { from: ts, format: iso8601 }
    duration_seconds: d
    value: v
    unit: u
    quality: q
${rules ? `rules:\n${rules}` : ''}`;
}

export const VEE_SP = csv('id', ['S1', 'S2', 'S3']);
export const VEE_METERS = csv('id,sp,cat', ['M1,S1,RESIDENTIAL', 'M2,S2,COMMERCIAL', 'M3,S3,']);

/** Reads of one series: `values[k]` at `start + k × seconds` (UTC ISO), skipping the positions in `skip`. */
export function series(meter: string, channel: string, start: string, seconds: number, values: number[], skip: number[] = []): string[] {
  const t0 = Date.parse(start);
  return values.flatMap((v, k) => {
    if (skip.includes(k)) return [];
    const ts = new Date(t0 + k * seconds * 1000).toISOString().replace('.000Z', 'Z');
    return [`${meter},S1,${channel},${ts},${v},kWh,VAL,${seconds}`];
  });
}

export const ones = (n: number, v = 1) => Array.from({ length: n }, () => v);

export function veeFiles(rows: string[], rules = ''): Record<string, string> {
  return { 'mapping.yaml': veeMapping(rules), 'sp.csv': VEE_SP, 'm.csv': VEE_METERS, 'i.csv': csv(VEE_HEAD, rows) };
}

import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { runPipeline, type PipelineResult } from '../helpers/pipeline.ts';
import { publishedDir } from '../helpers/published.ts';

/** A mapping document: header + the given table blocks (YAML text, already indented). */
export const doc = (tables: string, opts: { tz?: string; top?: string } = {}) =>
  `utility: T\ntimezone: ${opts.tz ?? 'America/New_York'}\n${opts.top ?? ''}${tables}`;

/** An intervals block reading `i.csv` (m, ts, v) with defaults that the given column lines override. */
export function intervals(columns: Record<string, string>, extra = ''): string {
  const cols: Record<string, string> = {
    meter_id: 'm',
    interval_start_ts: 'ts',
    duration_seconds: '900',
    value: 'v',
    unit: '{ const: kWh }',
    ...columns,
  };
  const lines = Object.entries(cols).filter(([, v]) => v !== '').map(([k, v]) => `    ${k}: ${v}`);
  return `intervals:\n  source: i.csv\n${extra}  columns:\n${lines.join('\n')}\n`;
}

/** Runs and asserts there were no diagnostics and the accounting adds up. */
export async function run(yaml: string, files: Record<string, string | Buffer>): Promise<PipelineResult> {
  const p = await runPipeline(yaml, files);
  expect(p.diagnostics).toEqual([]);
  expect(p.result).toBeDefined();
  return p;
}

/** Published rejects of a table ([] when the run published none). */
export async function rejects(p: PipelineResult, table = 'intervals'): Promise<Record<string, any>[]> {
  const dir = path.join(publishedDir(p.outDir), 'internal', 'rejects', table);
  if (!existsSync(dir) || readdirSync(dir).length === 0) return [];
  return p.rows(table, { layer: 'rejects' });
}

/** Asserts the row accounting and that it adds up. */
export function accounting(p: PipelineResult, table: string, want: Partial<ReturnType<PipelineResult['account']>>) {
  const a = p.account(table);
  expect(a.read).toBe(a.written + a.rejected + a.filtered + a.deduplicated);
  expect(Object.values(a.rejectedByReason).reduce((x, y) => x + y, 0)).toBe(a.rejected);
  expect(a).toMatchObject(want);
  return a;
}

export const csv = (header: string, rows: string[]) => [header, ...rows].join('\n') + '\n';
export const starts = (rows: Record<string, any>[]) => rows.map((r) => r.interval_start_ts);

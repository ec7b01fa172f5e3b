import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RuleResult } from './types.ts';

/**
 * The run history of rule results: one JSON line per (run, utility, rule) in
 * `<out>/_dq/history.jsonl`, so the next run can compare (spikes, row-count changes).
 */
export interface HistoryLine {
  runId: string;
  runDate: string;
  utility: string;
  rule: string;
  table: string;
  status: string;
  failing: number;
  total: number;
}

export function historyFile(outDir: string): string {
  return path.join(outDir, '_dq', 'history.jsonl');
}

/** The latest result of each `utility/rule` in the history. */
export function loadPrevious(outDir: string): Map<string, { failing: number; total: number }> {
  const file = historyFile(outDir);
  const map = new Map<string, { failing: number; total: number }>();
  if (!existsSync(file)) return map;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const h = JSON.parse(line) as HistoryLine;
      if (h.status !== 'skipped') map.set(`${h.utility}/${h.rule}`, { failing: h.failing, total: h.total });
    } catch {
      // a torn last line (killed process) is ignored
    }
  }
  return map;
}

export function appendHistory(outDir: string, runId: string, runDate: Date, results: RuleResult[]): void {
  const file = historyFile(outDir);
  mkdirSync(path.dirname(file), { recursive: true });
  const lines = results.map((r) =>
    JSON.stringify({ runId, runDate: runDate.toISOString(), utility: r.utility, rule: r.rule, table: r.table, status: r.status, failing: r.failing, total: r.total } satisfies HistoryLine),
  );
  if (lines.length) appendFileSync(file, lines.join('\n') + '\n');
}

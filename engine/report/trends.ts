import { existsSync, readFileSync } from 'node:fs';
import { historyFile, type HistoryLine } from '../dq/history.ts';

/** One run's result of one rule in the history, numbered in the order runs were appended. */
export interface TrendPoint {
  utility: string;
  rule: string;
  run: number;
  runId: string;
  failing: number;
  status: string;
  /** More than spike-factor times the failing rows of the rule's previous point (which had some). */
  spike: boolean;
}

/** The history of every rule (`<out>/_dq/history.jsonl`), as points per `utility/rule`, spikes marked. */
export function loadTrends(outDir: string, spikeFactor: number): Map<string, TrendPoint[]> {
  const file = historyFile(outDir);
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  return trendsOf(lines.flatMap(parseLine), spikeFactor);
}

export function trendsOf(history: HistoryLine[], spikeFactor: number): Map<string, TrendPoint[]> {
  const runs = new Map<string, number>();
  const trends = new Map<string, TrendPoint[]>();
  for (const h of history) {
    if (h.status === 'skipped') continue;
    if (!runs.has(h.runId)) runs.set(h.runId, runs.size + 1);
    const key = `${h.utility}/${h.rule}`;
    const points = trends.get(key) ?? [];
    const prev = points.at(-1);
    const spike = prev !== undefined && prev.failing > 0 && h.failing > spikeFactor * prev.failing;
    points.push({
      utility: h.utility,
      rule: h.rule,
      run: runs.get(h.runId)!,
      runId: h.runId,
      failing: h.failing,
      status: h.status,
      spike,
    });
    trends.set(key, points);
  }
  return trends;
}

function parseLine(line: string): HistoryLine[] {
  if (!line.trim()) return [];
  try {
    return [JSON.parse(line) as HistoryLine];
  } catch {
    return []; // a torn last line (killed process), as the run's own reading of the history
  }
}

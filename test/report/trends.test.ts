import { describe, expect, it } from 'vitest';
import type { HistoryLine } from '../../engine/dq/history.ts';
import { trendData, trendSpec } from '../../engine/report/charts.ts';
import { renderSvg } from '../../engine/report/render-svg.ts';
import { trendsOf } from '../../engine/report/trends.ts';

const line = (runId: string, rule: string, failing: number, status = 'warn'): HistoryLine => ({
  runId,
  runDate: '2025-03-01T00:00:00.000Z',
  utility: 'U',
  rule,
  table: 'intervals',
  status,
  failing,
  total: 100,
});

describe('rule trends from the history', () => {
  const history = [
    line('r1', 'a', 4),
    line('r1', 'b', 0, 'pass'),
    line('r2', 'a', 8),
    line('r2', 'b', 5),
    line('r3', 'a', 9),
    line('r3', 'b', 50),
    line('r4', 'a', 0, 'skipped'),
  ];

  it('numbers runs in the order they were appended and marks more than factor × the previous count', () => {
    const t = trendsOf(history, 2);
    // 8 is exactly 2 × 4: not a spike; 9 after 8 is none either
    expect(t.get('U/a')!.map((p) => [p.run, p.failing, p.spike])).toEqual([
      [1, 4, false],
      [2, 8, false],
      [3, 9, false],
    ]);
    // 0 → 5 is no spike (nothing to compare with), 5 → 50 is
    expect(t.get('U/b')!.map((p) => [p.run, p.failing, p.spike])).toEqual([
      [1, 0, false],
      [2, 5, false],
      [3, 50, true],
    ]);
  });

  it('takes its factor from the rules (spike_factor)', () => {
    expect(
      trendsOf(history, 1.5)
        .get('U/a')!
        .map((p) => p.spike),
    ).toEqual([false, true, false]);
  });

  it('draws a point per run and the spikes in red', async () => {
    const svg = await renderSvg(trendSpec(), trendData(trendsOf(history, 2).get('U/b')!));
    const symbols = [...svg.matchAll(/<path[^>]*fill="(#[0-9a-f]{6})"[^>]*>/g)].map((m) => m[1]);
    expect(symbols.filter((c) => c === '#4c78a8')).toHaveLength(3);
    expect(symbols.filter((c) => c === '#e45756')).toHaveLength(1);
  });
});

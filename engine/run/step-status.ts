import type { EngineProgress } from '../engines/engine.ts';

/**
 * The status line of a running step, for a terminal: the step, its progress where the engine
 * knows it (percent, rows, rows/s, time left) and the elapsed time.
 *   ⠿ UTILITY1 write standardized/intervals · 42% · 1,234,567 rows · 350,000 rows/s · 3.5 s · ~4.8 s left
 */
export function stepStatus(label: string, seconds: number, p: EngineProgress | undefined): string {
  const parts = [`⠿ ${label}`];
  if (p && p.percent >= 0) {
    parts.push(`${Math.floor(p.percent)}%`);
    if (p.rows > 0)
      parts.push(
        `${p.rows.toLocaleString('en-US')} rows`,
        `${Math.round(p.rows / Math.max(seconds, 0.001)).toLocaleString('en-US')} rows/s`,
      );
  }
  parts.push(`${seconds.toFixed(1)} s`);
  if (p && p.percent > 0 && p.percent < 100)
    parts.push(`~${((seconds * (100 - p.percent)) / p.percent).toFixed(1)} s left`);
  return parts.join(' · ');
}

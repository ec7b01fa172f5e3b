import type { Engine } from '../engines/engine.ts';
import { SUPPRESSION_REASONS, usageByAreaTable } from '../stages/usage-area-screen-sql.ts';

/**
 * The privacy screen's account of usage_by_area: cells published and suppressed (by reason); a
 * suppressed cell with values, or a published one without, stops the run (the screen is broken).
 */
export async function accountUsageByArea(
  engine: Engine,
  utility: string,
): Promise<{ rows: number; notes: Record<string, number> }> {
  const count = (name: string, where: string) => `count(*) FILTER (WHERE ${where}) AS "${name}"`;
  const values = ['total_usage', 'customer_count', 'peak_usage_value', 'pit_usage_value'];
  const withValue = values.map((c) => `${c} IS NOT NULL`);
  const counts = [
    'count(*) AS n',
    count('published', 'NOT suppressed'),
    count('suppressed', 'suppressed'),
    ...SUPPRESSION_REASONS.map((r) => count(r, `suppression_reason = '${r}'`)),
    count('leaked', `suppressed AND (${withValue.join(' OR ')} OR suppression_reason IS NULL)`),
    count('unscreened', 'NOT suppressed AND (customer_count IS NULL OR suppression_reason IS NOT NULL)'),
  ];
  const [c] = await engine.query(`SELECT ${counts.join(',\n  ')}\nFROM "${usageByAreaTable}"`);
  const n = (v: unknown) => Number(v ?? 0);
  if (n(c.leaked) || n(c.unscreened)) {
    const detail = `${n(c.leaked)} suppressed cells carry values, ${n(c.unscreened)} published ones none`;
    throw new Error(`usage_by_area of ${utility}: ${detail}`);
  }
  const notes: Record<string, number> = { cells_published: n(c.published), cells_suppressed: n(c.suppressed) };
  for (const r of SUPPRESSION_REASONS) notes[`suppressed_${r}`] = n(c[r]);
  return { rows: n(c.n), notes };
}

import type { Engine } from '../engines/engine.ts';
import { SUPPRESSION_REASONS, usageByAreaTable } from '../stages/usage-area-screen-sql.ts';

/**
 * The privacy screen's account of usage_by_area: cells published and suppressed (by reason); a
 * suppressed cell with values, or a published one without, stops the run (the screen is broken).
 */
export async function accountUsageByArea(engine: Engine, utility: string): Promise<{ rows: number; notes: Record<string, number> }> {
  const byReason = SUPPRESSION_REASONS.map((r) => `count(*) FILTER (WHERE suppression_reason = '${r}') AS "${r}"`);
  const [c] = await engine.query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE NOT suppressed) AS published, count(*) FILTER (WHERE suppressed) AS suppressed,
  ${byReason.join(', ')},
  count(*) FILTER (WHERE suppressed AND (total_usage IS NOT NULL OR customer_count IS NOT NULL OR peak_usage_value IS NOT NULL
    OR pit_usage_value IS NOT NULL OR suppression_reason IS NULL)) AS leaked,
  count(*) FILTER (WHERE NOT suppressed AND (customer_count IS NULL OR suppression_reason IS NOT NULL)) AS unscreened
FROM "${usageByAreaTable}"`,
  );
  const n = (v: unknown) => Number(v ?? 0);
  if (n(c.leaked) || n(c.unscreened))
    throw new Error(`usage_by_area of ${utility}: ${n(c.leaked)} suppressed cells carry values, ${n(c.unscreened)} published ones none`);
  const notes: Record<string, number> = { cells_published: n(c.published), cells_suppressed: n(c.suppressed) };
  for (const r of SUPPRESSION_REASONS) notes[`suppressed_${r}`] = n(c[r]);
  return { rows: n(c.n), notes };
}

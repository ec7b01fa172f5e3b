import type { Engine } from '../engines/engine.ts';
import { duckdbDialect } from '../sql/duckdb-dialect.ts';
import { loadModelTable } from '../model/common-model.ts';
import { evaluateRules } from './evaluate.ts';
import type { RowCount } from './report.ts';
import type { RuleResult } from './types.ts';
import type { RulePlan } from '../plan/rules.ts';
import { skippedForUnknownUtilities } from './unknown-utilities.ts';

/**
 * `gridflow dq` without a run: the rules over the published tables (views registered by
 * registerPublishedViews). Quarantine needs a run, so every rule only reports here; rules on the
 * rows before deduplication are skipped.
 */
const LAYER: Record<string, string> = { service_points: 'standardized', meters: 'standardized', intervals: 'standardized', usage_interval: 'product' };

export async function checkPublished(engine: Engine, views: string[], rules: RulePlan[], runDate: Date, opts: { spikeFactor: number; previous: Map<string, { failing: number; total: number }> }): Promise<{ results: RuleResult[]; rowCounts: RowCount[] }> {
  // The internal views (full values) and the meter periods are rule inputs, not tables to count.
  const tables = views.filter((v) => !/^(rejects|quarantine|dq)_/.test(v) && !v.endsWith('_internal') && v !== 'meter_periods');
  const rowCounts: RowCount[] = [];
  for (const t of tables) {
    const rows = await engine.query<{ u: string; n: bigint }>(`SELECT utility_id AS u, count(*) AS n FROM "${t}" GROUP BY 1 ORDER BY 1`);
    for (const r of rows) rowCounts.push({ utility: r.u, layer: LAYER[t] ?? 'experience', table: t, rows: Number(r.n) });
  }
  const utilities = [...new Set(rowCounts.map((r) => r.utility))].sort();
  const results: RuleResult[] = [];
  for (const utility of utilities) {
    const ctx = {
      d: duckdbDialect,
      utility,
      runDate,
      zone: await zoneOf(engine, tables, utility),
      // Rules see full values, as in a run: usage_interval is read at its internal access level.
      source: (table: string, beforeDedupe: boolean) => {
        if (beforeDedupe || !tables.includes(table)) return undefined;
        return table === 'usage_interval' && views.includes('usage_interval_internal') ? '"usage_interval_internal"' : `"${table}"`;
      },
      columnsOf: (table: string) => loadModelTable(table).columns.map((c) => c.name),
    };
    const reportOnly = rules.map((r) => ({ ...r, action: 'report' as const }));
    results.push(...(await evaluateRules(engine, reportOnly, ctx, { ...opts, sampleCap: 0 })));
  }
  results.push(...skippedForUnknownUtilities(rules, utilities));
  return { results, rowCounts };
}

/** A utility's time zone, as its published usage_daily names it (the gaps rule's local days). */
async function zoneOf(engine: Engine, tables: string[], utility: string): Promise<string | undefined> {
  if (!tables.includes('usage_daily')) return undefined;
  const [r] = await engine.query<{ zone: string | null }>(
    `SELECT min(timezone) AS zone FROM "usage_daily" WHERE utility_id = ${duckdbDialect.string(utility)}`,
  );
  return r?.zone ?? undefined;
}

import path from 'node:path';
import type { Dialect } from '../sql/dialect.ts';
import type { Plan } from '../plan/types.ts';
import type { Statement, WriteStatement } from '../sql/statement.ts';
import { parquetWrite } from '../sql/parquet-write.ts';
import { loadModelTable } from '../model/common-model.ts';
import { defaultScreen } from '../plan/screen.ts';
import { areaCellStatements, areaCellsTable } from './usage-area-cells-sql.ts';
import { classPerTsTable, experienceBoundsTable } from './usage-per-ts-sql.ts';
import { areaScreenStatements, areaScreenedTable, usageByAreaTable } from './usage-area-screen-sql.ts';

/**
 * Experience `usage_by_area`: the cells (usage-area-cells-sql.ts), then the privacy screen
 * (usage-area-screen-sql.ts), then the working tables are freed (with the usage per class and start
 * time and the bounds it shares with usage_daily, which runs before it); the published table stays
 * for the accounting and the stage checks until the run drops it.
 */
export function usageByAreaStatements(d: Dialect, plan: Plan): Statement[] {
  const q = d.quoteIdent;
  const working = [classPerTsTable, experienceBoundsTable, areaCellsTable, areaScreenedTable];
  const drop = working.map((t) => `DROP TABLE IF EXISTS ${q(t)}`);
  return [
    ...areaCellStatements(d),
    ...areaScreenStatements(d, plan.timezone, plan.screen ?? defaultScreen()),
    { name: 'usage_by_area.drop-cells', kind: 'drop', label: 'experience: free the area cells', sql: drop.join('; ') },
  ];
}

/** The write of usage_by_area, partitioned like usage_daily (utility, local month of the period). */
export function usageByAreaWrite(d: Dialect, utility: string, zone: string, stageDir: string): WriteStatement {
  const q = d.quoteIdent;
  const model = loadModelTable('usage_by_area');
  const month = `${d.monthKey(d.instantToLocal(q('period_start'), zone))} AS month`;
  const select = `SELECT ${model.columns.map((c) => q(c.name)).join(', ')}, ${month} FROM ${q(usageByAreaTable)}`;
  return parquetWrite(d, {
    layer: 'experience',
    table: 'usage_by_area',
    select,
    dir: path.join(stageDir, 'experience', 'usage_by_area'),
    partitionBy: ['utility_id', 'month'],
    known: { utility_id: utility },
  });
}

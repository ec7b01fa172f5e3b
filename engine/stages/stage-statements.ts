import path from 'node:path';
import type { Dialect } from '../sql/dialect.ts';
import type { Plan } from '../plan/types.ts';
import { loadModelTable } from '../model/common-model.ts';
import type { Statement } from '../sql/statement.ts';
import type { WriteStatement } from '../sql/statement.ts';
import {
  accessColumns,
  accessPolicy,
  pseudonymizedColumns,
  usageIntervalStatements,
  usageIntervalTable,
} from './usage-interval-sql.ts';
import { pseudonymJoins, pseudonymStatement } from './pseudonym-sql.ts';
import { effectiveMeterHop, meterPeriodsWrite } from './meter-periods.ts';
import type { HmacPads } from '../util/pseudonym-key.ts';
import { usageBucketName, usageBucketStatements, usageBucketTable, type Bucket } from './usage-bucket-sql.ts';
import { usageByAreaStatements, usageByAreaWrite } from './usage-by-area.ts';
import { classPerTsStatements } from './usage-per-ts-sql.ts';

/**
 * The built-in stages after standardization: Product (`usage_interval`, written at the external
 * access level; the internal level is a view over the published tables and `internal/meter_periods`,
 * written here for a mapping that dates meters by installation) and Experience (`usage_daily` or the configured bucket, and the screened
 * `usage_by_area`). They know
 * nothing about any utility: they read the standardized tables only. Parquet is partitioned by
 * utility and by the local month of the row's time. The Experience is external: usage_daily's
 * service point is its pseudonym (the same as the external Product's); usage_by_area has no ids.
 */
export function stageStatements(d: Dialect, plan: Plan, stageDir: string, bucket: Bucket, pads?: HmacPads): { statements: Statement[]; writes: WriteStatement[] } {
  const mapped = plan.tables.map((t) => t.table);
  if (!mapped.includes('intervals')) return { statements: [], writes: [] };
  const q = d.quoteIdent;
  const zone = plan.timezone;
  const product = loadModelTable('usage_interval');
  const month = (col: string) => `${d.monthKey(d.instantToLocal(q(col), zone))} AS month`;
  const lookup = pads ? pseudonymStatement(d, mapped, pads) : undefined;
  // Only the external level is written; the internal one is a view (usage-interval-view-sql.ts).
  const writes: WriteStatement[] = ['external'].map((level) => {
    const table = 'usage_interval';
    const joins = lookup ? pseudonymJoins(d, pseudonymizedColumns(product.columns, accessPolicy(product, level))) : [];
    const columns = accessColumns(d, product, level, pads, lookup !== undefined).join(', ');
    const from = [q(usageIntervalTable), ...joins].join('\n');
    const select = `SELECT ${columns}, __month AS month FROM ${from}`;
    return { layer: 'product', table, unordered: true, sql: d.writeParquet(select, path.join(stageDir, 'product', table), ['utility_id', 'month']) };
  });
  const daily = loadModelTable('usage_daily');
  const name = usageBucketName(bucket);
  writes.push({
    layer: 'experience',
    table: name,
    sql: d.writeParquet(
      `SELECT ${accessColumns(d, daily, 'external', pads).join(', ')}, ${month('bucket_start')} FROM ${q(usageBucketTable)}`,
      path.join(stageDir, 'experience', name),
      ['utility_id', 'month'],
    ),
  });
  writes.push(usageByAreaWrite(d, zone, stageDir));
  const periods = effectiveMeterHop(plan) !== undefined;
  if (periods && mapped.includes('meters')) writes.push(meterPeriodsWrite(d, plan.utility, stageDir));
  const productStatements = [...usageIntervalStatements(d, mapped, zone, periods), ...(lookup ? [lookup] : [])];
  // The Experience reads the Product's join once (usage per class and start time), then derives
  // usage_daily and usage_by_area from it.
  const experience = [
    ...classPerTsStatements(d, zone, bucket),
    ...usageBucketStatements(d, zone, bucket),
    ...usageByAreaStatements(d, plan),
  ];
  const statements = [...productStatements, ...experience];
  return { statements, writes };
}

import path from 'node:path';
import type { Dialect } from '../sql/dialect.ts';
import type { Plan } from '../plan/types.ts';
import { loadModelTable } from '../model/common-model.ts';
import type { Statement } from '../sql/statement.ts';
import type { WriteStatement } from '../sql/statement.ts';
import { parquetWrite } from '../sql/parquet-write.ts';
import {
  accessColumns,
  accessPolicy,
  pseudonymizedColumns,
  usageIntervalStatements,
  usageIntervalTable,
  usageMonthsTable,
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
export function stageStatements(
  d: Dialect,
  plan: Plan,
  stageDir: string,
  bucket: Bucket,
  pads?: HmacPads,
): { statements: Statement[]; writes: WriteStatement[] } {
  const mapped = plan.tables.map((t) => t.table);
  if (!mapped.includes('intervals')) return { statements: [], writes: [] };
  const q = d.quoteIdent;
  const zone = plan.timezone;
  const product = loadModelTable('usage_interval');
  const month = (col: string) => `${d.monthKey(d.instantToLocal(q(col), zone))} AS month`;
  const lookup = pads ? pseudonymStatement(d, mapped, pads) : undefined;
  // Only the external level is written; the internal one is a view (usage-interval-view-sql.ts).
  const partitionBy = ['utility_id', 'month'];
  const known = { utility_id: plan.utility };
  const writes: WriteStatement[] = ['external'].map((level) => {
    const table = 'usage_interval';
    const joins = lookup ? pseudonymJoins(d, pseudonymizedColumns(product.columns, accessPolicy(product, level))) : [];
    const columns = accessColumns(d, product, level, pads, lookup !== undefined).join(', ');
    const from = [q(usageIntervalTable), ...joins].join('\n');
    const select = `SELECT ${columns}, __month AS month FROM ${from}`;
    const dir = path.join(stageDir, 'product', table);
    // One file per local month when the months are few (run/write-parts.ts): at 10M rows, two months
    // written as two files took 8 s where one PARTITION_BY took 11 s; each part reads the join again.
    const months = { column: 'month', values: `SELECT DISTINCT __month AS v FROM ${q(usageMonthsTable)}`, most: 3 };
    return parquetWrite(d, { layer: 'product', table, select, dir, partitionBy, known, unordered: true }, months);
  });
  const daily = loadModelTable('usage_daily');
  const name = usageBucketName(bucket);
  const dailyColumns = accessColumns(d, daily, 'external', pads).join(', ');
  const dailySelect = `SELECT ${dailyColumns}, ${month('bucket_start')} FROM ${q(usageBucketTable)}`;
  const dailyDir = path.join(stageDir, 'experience', name);
  const dailyTarget = { layer: 'experience', table: name, select: dailySelect, dir: dailyDir };
  writes.push(parquetWrite(d, { ...dailyTarget, partitionBy, known }));
  writes.push(usageByAreaWrite(d, plan.utility, zone, stageDir));
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

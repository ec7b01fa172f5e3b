import path from 'node:path';
import type { HopPlan, Plan } from '../plan/types.ts';
import { parquetWrite } from '../sql/parquet-write.ts';
import type { Dialect } from '../sql/dialect.ts';
import type { WriteStatement } from '../sql/statement.ts';
import { meterColumns, meterPeriodsLayer, meterPeriodsName } from './usage-interval-view-sql.ts';

/**
 * The Product takes a meter's attributes from the installation in effect at each interval when the
 * mapping dates meters by installation (an effective-dated hop from intervals to meters on
 * meter_id): the periods of that history are kept in this table while the stages run.
 */
export const meterPeriodsTable = 'gf_meter_periods';

/** The intervals' effective-dated hop to meters on meter_id, if the mapping has one. */
export function effectiveMeterHop(plan: Plan): HopPlan | undefined {
  const intervals = plan.tables.find((t) => t.table === 'intervals');
  return intervals?.lookups
    .map((l) => l.hops[0])
    .find((h) => h.table === 'meters' && h.effective && h.on.length === 1 && h.on[0].local === 'meter_id' && h.on[0].remote === 'meter_id');
}

/**
 * The periods published as `internal/meter_periods` (the internal Product view's input): per
 * installation period of a meter, the columns the Product takes from meters and the period's bounds,
 * `effective_from` (inclusive) and `effective_until` (exclusive), NULL where the period is open.
 * One row per period: small beside the intervals. Internal (it holds the raw identifiers).
 */
export function meterPeriodsWrite(d: Dialect, utility: string, stageDir: string): WriteStatement {
  const q = d.quoteIdent;
  const cols = ['meter_id', ...meterColumns()].map(q).join(', ');
  const from = `CASE WHEN __from_bound = ${d.minInstant()} THEN NULL ELSE __from_bound END AS effective_from`;
  const until = `CASE WHEN __to = ${d.maxInstant()} THEN NULL ELSE __to END AS effective_until`;
  const select = `SELECT ${cols}, ${from}, ${until}, ${d.string(utility)} AS utility_id FROM ${q(meterPeriodsTable)}`;
  const dir = path.join(stageDir, meterPeriodsLayer, meterPeriodsName);
  // Written in the table's order (sorted when built), so the same run gives the same bytes.
  const target = { layer: meterPeriodsLayer, table: meterPeriodsName, select, dir, partitionBy: ['utility_id'] };
  return parquetWrite(d, { ...target, known: { utility_id: utility } });
}

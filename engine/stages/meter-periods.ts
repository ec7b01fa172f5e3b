import type { HopPlan, Plan } from '../plan/types.ts';

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

import type { RulePlan } from '../../plan/rules.ts';
import { frozenFailing } from './frozen-sql.ts';
import { gapsStatements } from './gaps-sql.ts';
import { limitsFailing } from './limits-sql.ts';
import { spikeFailing } from './spike-sql.ts';
import type { VeeInput } from './vee-parts.ts';

/** What a VEE rule needs from its context beyond the rows in scope. */
export interface VeeContext {
  utility: string;
  /** The utility's time zone (local days of `gaps`). */
  zone?: string;
  /** SQL table expression of the meters (classes of `limits`). */
  meters?: string;
}

export type VeeSql =
  | {
      failing: string;
      /** The failing rows with their keys and lineage only, when cheaper than whole rows. */
      narrow?: string;
      keys: string[];
      prepare?: string[];
      cleanup?: string[];
      scoped?: string;
      lineage: boolean;
    }
  | { skip: string };

/** Failing rows of a VEE rule: interval rows (frozen, spike, limits) or meter-days (gaps). */
export function veeSql(rule: RulePlan, v: VeeInput, ctx: VeeContext): VeeSql {
  const readKeys = ['meter_id', 'channel_raw', 'interval_start_ts', 'finding'];
  switch (rule.type) {
    case 'gaps': {
      if (!ctx.zone) return { skip: `the time zone of ${ctx.utility} is not known here` };
      const { days, ...g } = gapsStatements(v, ctx.zone);
      const keys = ['meter_id', 'channel_raw', 'local_date', 'finding'];
      return { ...g, scoped: `SELECT * FROM ${days}`, keys, lineage: false };
    }
    case 'frozen': {
      const { narrow, full } = frozenFailing(v);
      return { failing: full, narrow, keys: ['meter_id', 'channel_raw', 'run_start', 'finding'], lineage: true };
    }
    case 'spike': {
      const { narrow, full } = spikeFailing(v);
      return { failing: full, narrow, keys: readKeys, lineage: true };
    }
    case 'limits':
      if (!ctx.meters) return { skip: `meters is not available for ${ctx.utility}` };
      return { failing: limitsFailing(v, ctx.meters, ctx.utility), keys: readKeys, lineage: true };
    default:
      return { skip: `${rule.type} is not a VEE rule type` };
  }
}

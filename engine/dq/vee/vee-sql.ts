import type { RulePlan } from '../../plan/rules.ts';
import { frozenByValue } from './frozen-sql.ts';
import { GAP_COLUMNS, gapsStatements } from './gaps-sql.ts';
import { limitsFailing } from './limits-sql.ts';
import { seriesPass, type SeriesGroup } from './series-pass.ts';
import { withRows, type VeeInput } from './vee-parts.ts';

/** What a VEE rule needs from its context beyond the rows in scope. */
export interface VeeContext {
  utility: string;
  /** The utility's time zone (local days of `gaps`). */
  zone?: string;
  /** SQL table expression of the meters (classes of `limits`). */
  meters?: string;
  /** The frozen and spike rules checked with this one (`series-pass.ts`); the rule alone without it. */
  series?: SeriesGroup;
  /** The rows in scope have one row per series and start time (the dedupe's key is within them). */
  uniqueReads?: boolean;
}

export type VeeSql =
  | {
      failing: string;
      /** The failing rows with their keys and lineage only, when cheaper than whole rows. */
      narrow?: string;
      keys: string[];
      prepare?: string[];
      cleanup?: string[];
      /** Statements a group of rules shares (the series pass): run once before the first, cleaned up after the last. */
      shared?: { prepare: string[]; cleanup: string[] };
      scoped?: string;
      lineage: boolean;
      /** The columns of failing rows that are not rows of the table (gaps: meter-days). */
      columns?: string[];
    }
  | { skip: string };

/** Failing rows of a VEE rule: interval rows (frozen, spike, limits) or meter-days (gaps). */
export function veeSql(rule: RulePlan, v: VeeInput, ctx: VeeContext): VeeSql {
  const readKeys = ['meter_id', 'channel_raw', 'interval_start_ts', 'finding'];
  switch (rule.type) {
    case 'gaps': {
      if (!ctx.zone) return { skip: `the time zone of ${ctx.utility} is not known here` };
      const { days, ...g } = gapsStatements(v, ctx.zone, ctx.uniqueReads);
      const keys = ['meter_id', 'channel_raw', 'local_date', 'finding'];
      return { ...g, scoped: `SELECT * FROM ${days}`, keys, lineage: false, columns: GAP_COLUMNS };
    }
    case 'frozen':
    case 'spike': {
      const pass = seriesPass(v, ctx.series ?? { rules: [rule], table: 'gf_dq_series' });
      const frozen = rule.type === 'frozen';
      const narrow = frozen ? pass.frozen(rule, (scoped) => frozenByValue({ ...v, scoped })) : pass.spike(rule);
      const own = frozen ? ['run_start', 'run_length', 'finding'] : ['neighbour_median', 'finding'];
      const { full } = withRows(v, narrow, own);
      const keys = frozen ? ['meter_id', 'channel_raw', 'run_start', 'finding'] : readKeys;
      return { failing: full, narrow, keys, lineage: true, shared: { prepare: [pass.prepare], cleanup: [pass.cleanup] } };
    }
    case 'limits':
      if (!ctx.meters) return { skip: `meters is not available for ${ctx.utility}` };
      return { failing: limitsFailing(v, ctx.meters, ctx.utility), keys: readKeys, lineage: true };
    default:
      return { skip: `${rule.type} is not a VEE rule type` };
  }
}

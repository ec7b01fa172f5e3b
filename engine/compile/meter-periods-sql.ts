import type { Dialect } from '../sql/dialect.ts';
import type { Plan } from '../plan/types.ts';
import type { Statement } from '../sql/statement.ts';
import { effectiveMeterHop, meterPeriodsTable } from '../stages/meter-periods.ts';
import { hopSource } from './lookup-sql.ts';
import { loadModelTable } from '../model/common-model.ts';

/** The meter installation periods the Product joins to (the same periods the intervals' join path used). */
export function meterPeriodsStatements(d: Dialect, plan: Plan): Statement[] {
  const hop = effectiveMeterHop(plan);
  const meters = plan.tables.find((t) => t.table === 'meters');
  if (!hop || !meters) return [];
  const q = d.quoteIdent;
  // The history holds the mapped columns only: the others are null, as in the standardized table.
  const mapped = new Set(meters.columns.map((c) => c.name));
  const cols = loadModelTable('meters').columns
    .filter((c) => !c.lineage && c.name !== 'utility_id')
    .map((c) => (mapped.has(c.name) ? q(c.name) : `${d.cast('NULL', c.type)} AS ${q(c.name)}`));
  return [
    {
      name: 'meters.periods',
      kind: 'create',
      label: 'meters: installation periods for the Product',
      // Sorted: the window that finds the periods emits them in thread order, and the published
      // internal/meter_periods is written in this table's order (same run, same bytes).
      sql: `CREATE OR REPLACE TEMP TABLE ${d.quoteIdent(meterPeriodsTable)} AS SELECT ${cols.join(', ')}, __from_bound, __to`
        + ` FROM (${hopSource(d, hop, q)}) ORDER BY meter_id, __from_bound`,
    },
  ];
}

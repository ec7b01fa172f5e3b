import type { Dialect } from '../sql/dialect.ts';
import type { HopPlan, TablePlan } from '../plan/types.ts';
import { work } from '../sql/statement.ts';

/**
 * LEFT JOINs for the table's join paths. A plain hop reads the joined table's standardized rows
 * (one per join key); an effective-dated hop reads its history as non-overlapping periods
 * [from, until), where a missing `until` ends at the next period of the same key. So each hop
 * matches at most one row and a join never multiplies rows.
 */
export function lookupJoins(d: Dialect, t: TablePlan, q: (s: string) => string): { joins: string[]; selects: Map<string, string> } {
  const joins: string[] = [];
  const selects = new Map<string, string>();
  t.lookups.forEach((l, li) => {
    let prev = 'b';
    l.hops.forEach((h, hi) => {
      const alias = `j${li}_${hi}`;
      const cond = h.on.map((o) => `${alias}.${q(o.remote)} = ${prev}.${q(o.local)}`);
      if (h.effective) {
        // Open bounds are made concrete so the engine can hash-join on the key and range-check after.
        cond.push(`${prev}.${q(h.effective.at)} >= ${alias}.__from_bound`);
        cond.push(`${prev}.${q(h.effective.at)} < ${alias}.__to`);
      }
      joins.push(`LEFT JOIN (${hopSource(d, h, q)}) ${alias} ON ${cond.join(' AND ')}`);
      prev = alias;
    });
    selects.set(l.name, `${prev}.${q(l.take)}`);
    selects.set(`__found_${l.name}`, `(${prev}.__found IS NOT NULL)`);
  });
  return { joins, selects };
}

export function hopSource(d: Dialect, h: HopPlan, q: (s: string) => string): string {
  const keys = h.on.map((o) => q(o.remote)).join(', ');
  if (!h.effective) {
    return d.qualify('*, TRUE AS __found', q(work.std(h.table)), `row_number() OVER (PARTITION BY ${keys} ORDER BY source_file DESC, source_line DESC) = 1`);
  }
  const from = q(h.effective.from);
  const until = h.effective.until ? q(h.effective.until) : 'NULL';
  const periods = d.qualify(`*, ${from} AS __from, ${until} AS __until`, q(work.hist(h.table)), `row_number() OVER (PARTITION BY ${keys}, ${from} ORDER BY __file_index DESC, __line DESC) = 1`);
  const next = `lead(__from) OVER (PARTITION BY ${keys} ORDER BY __from ASC NULLS FIRST)`;
  const to = `CASE WHEN __next IS NULL THEN __until WHEN __until IS NULL OR __next < __until THEN __next ELSE __until END`;
  return `SELECT *, COALESCE(__from, ${d.minInstant()}) AS __from_bound, TRUE AS __found, COALESCE(${to}, ${d.maxInstant()}) AS __to FROM (SELECT *, ${next} AS __next FROM (${periods}))`;
}

import type { Dialect } from '../sql/dialect.ts';
import { loadModelTable } from '../model/common-model.ts';
import { work, type Statement } from '../sql/statement.ts';
import type { HmacPads } from '../util/pseudonym-key.ts';

/**
 * The pseudonym of each identifier of the small standardized tables (meters, service points),
 * computed once per distinct value instead of once per Product row: the external level looks its
 * identifiers up here and hashes only the few it does not find (an interval's unknown meter), so
 * the values are the same as hashing every row. Columns `__id`, `__pseudonym` (one row per id).
 */
export const pseudonymTable = 'gf_pseudonyms';

const SMALL_TABLES = ['meters', 'service_points'];

export function pseudonymStatement(d: Dialect, mappedTables: string[], pads: HmacPads): Statement | undefined {
  const q = d.quoteIdent;
  const ids = SMALL_TABLES.filter((t) => mappedTables.includes(t)).flatMap((t) =>
    loadModelTable(t)
      .columns.filter((c) => c.pii === 'identifier')
      .map((c) => `SELECT ${d.cast(q(c.name), 'string')} AS v FROM ${q(work.std(t))} WHERE ${q(c.name)} IS NOT NULL`),
  );
  if (!ids.length) return undefined;
  return {
    name: 'usage_interval.pseudonyms',
    kind: 'create',
    label: 'product: pseudonym of each meter and service point identifier',
    sql: `CREATE OR REPLACE TEMP TABLE ${q(pseudonymTable)} AS
SELECT v AS __id, ${d.hmacSha256Hex('v', pads.ipad, pads.opad)} AS __pseudonym
FROM (SELECT DISTINCT v FROM (${ids.join('\nUNION ALL ')}))`,
  };
}

/** The alias of the lookup of `column` in a SELECT that pseudonymizes it. */
export function pseudonymAlias(column: string): string {
  return `__p_${column}`;
}

/** `LEFT JOIN`s of the lookup, one per pseudonymized column (ids are unique: no row is multiplied). */
export function pseudonymJoins(d: Dialect, columns: string[]): string[] {
  const q = d.quoteIdent;
  return columns.map((c) => {
    const p = q(pseudonymAlias(c));
    return `LEFT JOIN ${q(pseudonymTable)} ${p} ON ${p}.__id = ${d.cast(q(c), 'string')}`;
  });
}

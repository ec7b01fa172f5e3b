import type { Dialect } from '../sql/dialect.ts';
import type { ColumnPlan, TablePlan } from '../plan/types.ts';
import type { SqlType } from '../model/sql-type.ts';

/**
 * Conflicting duplicates: rows of one dedupe key that disagree on a mapped column other than the key
 * and the `order_by` columns (rows that differ only in their order column are versions of one row,
 * and the order picks the latest). Exact duplicates agree on every such column.
 */
type Dedupe = NonNullable<TablePlan['dedupe']>;

/** Which way the winner is ordered: `last`/`max` take the highest order value, `first`/`min` the lowest. */
export const pickDescending = (keep: Dedupe['keep']) => keep === 'last' || keep === 'max' || keep === 'quarantine';

/** The mapped columns that make two rows of a key disagree. */
export function contentColumns(t: TablePlan): string[] {
  const skip = new Set([...t.dedupe!.key, ...t.dedupe!.orderBy]);
  return t.columns.map((c) => c.name).filter((c) => !skip.has(c));
}

/** One text value per row that is equal exactly when two rows agree on every content column. */
export function contentSql(d: Dialect, t: TablePlan, alias: string): string {
  const cols = contentColumns(t);
  if (cols.length === 0) return d.string('');
  return d.cast(d.recordJson(cols.map((c) => [c, `${alias}.${d.quoteIdent(c)}`])), 'string');
}

/**
 * In the repeated-keys aggregate of `keep: quarantine` (alias `alias` for the rows): TRUE when the
 * key's rows disagree, i.e. differ in some content column that can differ (`varyingColumns`). The
 * rows of a key agree on a column when its least and greatest values are the same and it is NULL on
 * all rows or on none (as `count(DISTINCT …) = 1`, without a set of values per key). Compared column
 * by column, with no text built per row: at 10M rows the two JSON texts of every row were the cost
 * of the aggregate. Equality is the content text's: see `columnDisagrees`.
 */
export function disagreeSql(d: Dialect, t: TablePlan, alias: string): string {
  const parts = varyingColumns(t).map((c) => columnDisagrees(d, `${alias}.${d.quoteIdent(c.name)}`, c.type));
  return parts.length ? parts.join(' OR ') : 'FALSE';
}

/**
 * The content columns whose value can differ between rows of one key. A column that reads only
 * source columns the key holds as they are (a text key column without map, match or extract) has
 * one value per key, and so has a constant (it reads none): utility 2's intervals compare 2 of 8.
 */
export function varyingColumns(t: TablePlan): ColumnPlan[] {
  const byName = new Map(t.columns.map((c) => [c.name, c]));
  const pinned = new Set(t.dedupe!.key.flatMap((k) => {
    const c = byName.get(k);
    const asIs = c && c.value.kind === 'source' && c.type === 'string' && !c.map && !c.match && !c.extract;
    return asIs && c.value.kind === 'source' ? [c.value.column] : [];
  }));
  const content = new Set(contentColumns(t));
  return t.columns.filter((c) => content.has(c.name) && !c.reads.every((r) => pinned.has(r)));
}

/**
 * Rows disagree on `x` (aggregate). Values are equal as the content text compares them: as values,
 * except doubles, where 0 and -0 are equal numbers but two texts (only zeros are compared as text).
 */
function columnDisagrees(d: Dialect, x: string, type: SqlType): string {
  const parts = [`min(${x}) IS DISTINCT FROM max(${x})`, `count(${x}) NOT IN (0, count(*))`];
  if (type === 'double') {
    // A CASE, not a FILTER: the aggregate's inputs are computed for every row, the CASE's text only for zeros.
    const zeroText = `CASE WHEN ${x} = 0 THEN ${d.cast(x, 'string')} END`;
    parts.push(`min(${zeroText}) IS DISTINCT FROM max(${zeroText})`);
  }
  return `(${parts.join(' OR ')})`;
}

/** The duplicate totals (as `duplicateStatsSql`) from the repeated keys of `keep: quarantine` (no key is arbitrary). */
export function versionStatsSql(repeated: string): string {
  return `SELECT count(*) AS repeated_keys,
  coalesce(sum(__n - 1) FILTER (WHERE NOT __conflict), 0) AS exact_rows,
  count(*) FILTER (WHERE __conflict) AS conflict_keys,
  coalesce(sum(__n) FILTER (WHERE __conflict), 0) AS conflict_rows,
  0 AS arbitrary_keys
FROM ${repeated}`;
}

/** `a` and `b` rows have the same key. */
export function sameKey(d: Dialect, t: TablePlan, a: string, b: string): string {
  return t.dedupe!.key.map((c) => `${a}.${d.quoteIdent(c)} IS NOT DISTINCT FROM ${b}.${d.quoteIdent(c)}`).join(' AND ');
}

/**
 * Per repeated key (`repeated`: the dedupe's table of them): its rows (n), their distinct contents (versions) and the distinct contents among
 * the rows that share the best order value (top_versions; with no `order_by` every row ties, so a
 * key with versions > 1 is decided by file order alone). One row of totals.
 */
export function duplicateStatsSql(d: Dialect, t: TablePlan, kept: string, repeated: string): string {
  const q = d.quoteIdent;
  const { key, orderBy, keep } = t.dedupe!;
  const keyCols = key.map((c) => `k.${q(c)}`).join(', ');
  const dir = pickDescending(keep) ? 'DESC' : 'ASC';
  const order = orderBy.length ? orderBy.map((c) => `k.${q(c)} ${dir} NULLS LAST`).join(', ') : '1';
  const ranked = `SELECT ${keyCols}, ${contentSql(d, t, 'k')} AS __content, rank() OVER (PARTITION BY ${keyCols} ORDER BY ${order}) AS __rank
    FROM (${kept}) k JOIN ${repeated} r ON ${sameKey(d, t, 'r', 'k')}`;
  const perKey = `SELECT count(*) AS n, count(DISTINCT __content) AS versions, count(DISTINCT __content) FILTER (WHERE __rank = 1) AS top_versions
    FROM (${ranked}) x GROUP BY ${key.map((c) => `x.${q(c)}`).join(', ')}`;
  return `SELECT count(*) AS repeated_keys,
  coalesce(sum(n - 1) FILTER (WHERE versions = 1), 0) AS exact_rows,
  count(*) FILTER (WHERE versions > 1) AS conflict_keys,
  coalesce(sum(n) FILTER (WHERE versions > 1), 0) AS conflict_rows,
  count(*) FILTER (WHERE top_versions > 1) AS arbitrary_keys
FROM (${perKey}) s`;
}

/** The reason on the rejects of `keep: quarantine`. */
export const quarantineReason = 'dedupe: the rows of this key disagree (keep: quarantine holds all of them back)';

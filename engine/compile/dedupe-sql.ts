import type { Dialect } from '../sql/dialect.ts';
import type { TablePlan } from '../plan/types.ts';
import { work, type Statement } from '../sql/statement.ts';
import { disagreeSql, sameKey } from './conflicts-sql.ts';

/**
 * Deduplication: one row per key, the first or last by `order_by` then file order (a NULL order
 * value always loses). Only keys that repeat need a winner: they are found once, by one aggregate
 * over the kept rows, into a narrow side table (`work.rep`: key, rows, best order value) that the
 * dedupe, the quarantine of conflicting keys and the duplicate accounting all read, instead of each
 * grouping every row again. Kept rows are joined to the winners. Two or more order columns, or a
 * text one, use a window instead (slower, also spills).
 *
 * The same aggregate says what it can without another pass: with no `order_by` the winner is the
 * first or last row id (`__winner`), so the dedupe is one join to `work.rep`; for `keep: quarantine`
 * whether the key's rows disagree (`__conflict`), which the hold-back, the dedupe and the duplicate
 * accounting read instead of grouping the rows of repeated keys again.
 */
type Keep = 'first' | 'last';

const keepOf = (t: TablePlan): Keep => (t.dedupe!.keep === 'first' || t.dedupe!.keep === 'min' ? 'first' : 'last');
const pickOf = (keep: Keep) => (keep === 'last' ? 'max' : 'min');
const rid = (a: string) => `(${a}.__file_index * 1099511627776 + ${a}.__line)`;

/** The single order value as a comparable expression (NULL loses), or undefined when a window is needed. */
function orderValue(d: Dialect, t: TablePlan): ((alias: string) => string) | undefined {
  const q = d.quoteIdent;
  const { orderBy } = t.dedupe!;
  if (orderBy.length !== 1) return undefined;
  const keep = keepOf(t);
  const type = t.columns.find((c) => c.name === orderBy[0])?.type;
  // NULL order values lose: they become the extreme that is never picked.
  const numeric = type === 'double' || type === 'bigint' || type === 'integer';
  const sentinel =
    type === 'timestamp' ? (keep === 'last' ? d.minInstant() : d.maxInstant())
    : numeric ? d.cast(d.string(keep === 'last' ? '-infinity' : 'infinity'), 'double')
    : undefined;
  if (!sentinel) return undefined;
  const col = (a: string) => `${a}.${q(orderBy[0])}`;
  return (a) => `COALESCE(${type === 'timestamp' ? col(a) : d.cast(col(a), 'double')}, ${sentinel})`;
}

/**
 * The repeated keys of the kept rows (`work.rep`), with their row count, best order value (one order
 * column), winning row id (no order column) and whether their rows disagree (`keep: quarantine`).
 */
export function repeatedKeysStatement(d: Dialect, t: TablePlan, kept: string): Statement {
  const q = d.quoteIdent;
  const keyCols = t.dedupe!.key.map((c) => `g.${q(c)}`).join(', ');
  const o = orderValue(d, t);
  const pick = pickOf(keepOf(t));
  const facts = [
    'count(*) AS __n',
    ...(o ? [`${pick}(${o('g')}) AS __best`] : []),
    ...(t.dedupe!.orderBy.length === 0 ? [`${pick}(${rid('g')}) AS __winner`] : []),
    ...(t.dedupe!.keep === 'quarantine' ? [`${disagreeSql(d, t, 'g')} AS __conflict`] : []),
  ];
  return {
    name: `${t.table}.dedupe-repeated`,
    kind: 'create',
    label: `${t.table}: find the keys that repeat`,
    sql: `CREATE OR REPLACE TEMP TABLE ${q(work.rep(t.table))} AS
SELECT ${keyCols}, ${facts.join(', ')} FROM (${kept}) g GROUP BY ${keyCols} HAVING count(*) > 1`,
  };
}

/** The repeated keys whose rows disagree (`keep: quarantine`): every row of them is held back. */
export function conflictingKeys(d: Dialect, t: TablePlan): string {
  return `(SELECT * FROM ${d.quoteIdent(work.rep(t.table))} WHERE __conflict)`;
}

/**
 * The deduplicated rows of `kept` (whose repeated keys are in `work.rep`); for `keep: quarantine`
 * without the rows of keys whose rows disagree.
 */
export function dedupeSql(d: Dialect, t: TablePlan, kept: string): string {
  const q = d.quoteIdent;
  const { key, orderBy } = t.dedupe!;
  const quarantine = t.dedupe!.keep === 'quarantine';
  const rep = q(work.rep(t.table));
  if (orderBy.length === 0) {
    // The aggregate has picked the winner already: one join, rows of single keys pass.
    const won = `${quarantine ? 'NOT r.__conflict AND ' : ''}${rid('k')} = r.__winner`;
    return `SELECT k.* FROM (${kept}) k LEFT JOIN ${rep} r ON ${sameKey(d, t, 'r', 'k')} WHERE r.__n IS NULL OR (${won})`;
  }
  if (quarantine) kept = `SELECT k.* FROM (${kept}) k ANTI JOIN ${conflictingKeys(d, t)} c ON ${sameKey(d, t, 'c', 'k')}`;
  const keep = keepOf(t);
  const pick = pickOf(keep);
  const keyCols = key.map(q).join(', ');
  const same = (a: string, b: string) => key.map((c) => `${a}.${q(c)} IS NOT DISTINCT FROM ${b}.${q(c)}`).join(' AND ');
  const o = orderValue(d, t);
  const kCols = key.map((c) => `k.${q(c)}`).join(', ');
  const winnersOf = (on: string) =>
    `SELECT ${kCols}, ${pick}(${rid('k')}) AS __winner FROM (${kept}) k JOIN ${rep} b ON ${on} GROUP BY ${kCols}`;
  if (!o) {
    const dir = keep === 'last' ? 'DESC' : 'ASC';
    const byColumns = orderBy.map((c) => `${q(c)} ${dir} NULLS LAST`);
    const order = [...byColumns, `__file_index ${dir}`, `__line ${dir}`].join(', ');
    return d.qualify('*', `(${kept})`, `row_number() OVER (PARTITION BY ${keyCols} ORDER BY ${order}) = 1`);
  }
  const winners = winnersOf(`${same('b', 'k')} AND ${o('k')} = b.__best`);
  const keptOrWon = `w.__winner IS NULL OR ${rid('k')} = w.__winner`;
  return `SELECT k.* FROM (${kept}) k LEFT JOIN (${winners}) w ON ${same('w', 'k')} WHERE ${keptOrWon}`;
}

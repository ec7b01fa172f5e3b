import type { Dialect } from '../sql/dialect.ts';
import type { TablePlan } from '../plan/types.ts';
import type { Engine } from '../engines/engine.ts';
import { work } from '../sql/statement.ts';
import { duplicateStatsSql, versionStatsSql } from '../compile/conflicts-sql.ts';
import { diag } from '../diagnostics/catalog.ts';

/** What deduplication found in one table: exact duplicates apart from keys whose rows disagree. */
export interface DuplicateAccount {
  /** The dedupe policy in words, e.g. `last by last_update_ts`, `quarantine`. */
  policy: string;
  /** Keys with more than one row. */
  repeatedKeys: number;
  /** Rows dropped as copies of a row they agree with. */
  exactRows: number;
  /** Keys whose rows disagree on a mapped column (other than the key and order_by). */
  conflictKeys: number;
  /** All rows of those keys. */
  conflictRows: number;
  /** Conflicting keys decided by file order alone (no order_by, or a tie on it). */
  arbitraryKeys: number;
  /** Set when the kept row of some key is an arbitrary choice. */
  warning?: string;
}

export function policyOf(t: TablePlan): string {
  const { keep, orderBy } = t.dedupe!;
  if (keep === 'quarantine') return 'quarantine (every row of a conflicting key held back in rejects)';
  if (keep === 'max' || keep === 'min') return `row with the ${keep} ${orderBy[0]}`;
  if (keep === 'fail') return 'fail';
  return orderBy.length ? `${keep} by ${orderBy.join(', ')}, then file order` : `${keep} in file order`;
}

const n = (v: unknown) => Number(v ?? 0);

export async function accountDuplicates(engine: Engine, d: Dialect, utility: string, t: TablePlan): Promise<DuplicateAccount | undefined> {
  if (!t.dedupe || t.dedupe.keep === 'fail') return undefined;
  const kept = `SELECT * FROM ${d.quoteIdent(work.conv(t.table))} WHERE __keep`;
  // keep: quarantine has flagged the repeated keys that disagree already (and decides no key arbitrarily).
  const stats = t.dedupe.keep === 'quarantine'
    ? versionStatsSql(d.quoteIdent(work.rep(t.table)))
    : duplicateStatsSql(d, t, kept, d.quoteIdent(work.rep(t.table)));
  const [s] = await engine.query(stats);
  const a: DuplicateAccount = {
    policy: policyOf(t),
    repeatedKeys: n(s.repeated_keys),
    exactRows: n(s.exact_rows),
    conflictKeys: n(s.conflict_keys),
    conflictRows: n(s.conflict_rows),
    arbitraryKeys: t.dedupe.keep === 'quarantine' ? 0 : n(s.arbitrary_keys),
  };
  if (a.arbitraryKeys > 0) {
    const why = t.dedupe.orderBy.length ? `tie on ${t.dedupe.orderBy.join(', ')}` : `keep: ${t.dedupe.keep} has no order_by`;
    a.warning = diag('dedupe-arbitrary', { keys: a.arbitraryKeys.toLocaleString('en-US'), utility, table: t.table, why }).message;
  }
  return a;
}

import type { Dialect } from '../sql/dialect.ts';
import type { TablePlan } from '../plan/types.ts';
import { work } from '../sql/statement.ts';
import { quarantineReason, sameKey } from './conflicts-sql.ts';
import { conflictingKeys } from './dedupe-sql.ts';
import { fileNameSql } from './convert-sql.ts';
import { displayPath as defaultDisplay } from '../util/display-path.ts';

/**
 * The rejects of a table: the rows of `work.rej` (converted rows with a reason, malformed and lost
 * lines, orphans) and, for `keep: quarantine`, every kept row of a key whose rows disagree. Those are
 * most of the rows of a file whose keys mostly conflict, so they are not copied into `work.rej` as
 * records: they are selected from the converted rows (`work.conv`) and the flagged keys (`work.rep`)
 * where they are counted and written — so a run writes the rejects as soon as the tables are
 * accounted for, and frees both before the stages (run/run-plans.ts).
 */
export function rejectsSql(d: Dialect, utility: string, t: TablePlan, display = defaultDisplay): string {
  const rej = `SELECT * FROM ${d.quoteIdent(work.rej(t.table))}`;
  return t.dedupe?.keep === 'quarantine' ? `${rej}\nUNION ALL\n${heldBackSql(d, utility, t, display)}` : rej;
}

/** The rows held back by `keep: quarantine`, as rejects (the record holds the converted columns). */
function heldBackSql(d: Dialect, utility: string, t: TablePlan, display: (f: string) => string): string {
  const q = d.quoteIdent;
  const kept = `SELECT * FROM ${q(work.conv(t.table))} WHERE __keep`;
  const rec = d.recordJson(t.columns.map((c) => [c.name, `h.${q(c.name)}`, c.type]));
  const held = `SELECT h.* FROM (${kept}) h JOIN ${conflictingKeys(d, t)} c ON ${sameKey(d, t, 'c', 'h')}`;
  const file = fileNameSql(d, t, display, 'h.__file_index');
  const reason = d.string(quarantineReason);
  const columns = `${d.string(utility)}, ${d.string(t.table)}, ${file}, h.__line, ${reason}, ${rec}`;
  return `SELECT ${columns} FROM (${held}) h`;
}

import type { Dialect } from '../sql/dialect.ts';
import type { TablePlan } from '../plan/types.ts';
import { work } from '../compile/statement.ts';
import type { Engine } from './engine.ts';

/** Row accounting of one standardized table: read = written + rejected + filtered + deduplicated. */
export interface TableAccount {
  utility: string;
  table: string;
  read: number;
  written: number;
  rejected: number;
  filtered: number;
  deduplicated: number;
  rejectedByReason: Record<string, number>;
  /** Written rows whose join path found nothing, per looked-up column. */
  orphans: Record<string, number>;
}

const n = (v: unknown) => Number(v ?? 0);

export async function accountTable(engine: Engine, d: Dialect, utility: string, t: TablePlan): Promise<TableAccount> {
  const q = d.quoteIdent;
  const [conv] = await engine.query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE __reason IS NULL AND NOT __keep) AS filtered, count(*) FILTER (WHERE __keep) AS kept FROM ${q(work.conv(t.table))}`,
  );
  const reasons = await engine.query<{ reason: string; n: bigint }>(
    `SELECT reason, count(*) AS n FROM ${q(work.rej(t.table))} GROUP BY reason ORDER BY n DESC, reason`,
  );
  const found = t.lookups.map((l) => `count(*) FILTER (WHERE NOT ${q(`__found_${l.name}`)}) AS ${q(l.name)}`);
  const [std] = await engine.query(`SELECT ${['count(*) AS written', ...found].join(', ')} FROM ${q(work.std(t.table))}`);
  const rejectedByReason = Object.fromEntries(reasons.map((r) => [r.reason, n(r.n)]));
  const rejected = Object.values(rejectedByReason).reduce((a, b) => a + b, 0);
  let malformed = 0;
  let orphanRejected = 0;
  for (const r of reasons) {
    if (r.reason.startsWith('malformed row')) malformed += n(r.n);
    if (t.lookups.some((l) => l.required && r.reason.startsWith(`${l.name}: no match`))) orphanRejected += n(r.n);
  }
  const read = n(conv.n) + malformed;
  const written = n(std.written);
  const filtered = n(conv.filtered);
  const deduplicated = n(conv.kept) - written - orphanRejected;
  const orphans = Object.fromEntries(t.lookups.map((l) => [l.name, n(std[l.name])]));
  if (read !== written + rejected + filtered + deduplicated || deduplicated < 0)
    throw new Error(`row accounting does not add up for ${utility}/${t.table}: read ${read} ≠ ${written} + ${rejected} + ${filtered} + ${deduplicated}`);
  return { utility, table: t.table, read, written, rejected, filtered, deduplicated, rejectedByReason, orphans };
}

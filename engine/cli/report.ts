import type { StageAccount, TableAccount } from '../run/accounting.ts';

/** The per-table, per-utility row accounting printed after a run. */
export function formatAccounts(accounts: TableAccount[]): string {
  const fmt = (x: number) => x.toLocaleString('en-US');
  const head = ['utility', 'table', 'read', 'written', 'rejected', 'filtered', 'deduplicated', 'quarantined', 'orphans'];
  const rows = accounts.map((a) => [
    a.utility,
    a.table,
    fmt(a.read),
    fmt(a.written),
    fmt(a.rejected),
    fmt(a.filtered),
    fmt(a.deduplicated),
    fmt(a.quarantined),
    Object.entries(a.orphans).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') || '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 || i === 8 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const out = [line(head), ...rows.map(line)];
  for (const a of accounts) {
    for (const [reason, count] of Object.entries(a.rejectedByReason)) out.push(`  ${a.utility} ${a.table} rejected ${fmt(count)}: ${reason}`);
  }
  for (const a of accounts) {
    const x = a.duplicates;
    if (!x || x.repeatedKeys === 0) continue;
    const conflicts = `${fmt(x.conflictKeys)} keys disagree (${fmt(x.conflictRows)} rows)`;
    out.push(`  ${a.utility} ${a.table} duplicates: ${fmt(x.exactRows)} exact rows; ${conflicts}; kept: ${x.policy}`);
    if (x.warning) out.push(`  warning: ${x.warning}`);
  }
  return out.join('\n');
}

export function formatStages(stages: StageAccount[]): string {
  const fmt = (x: number) => x.toLocaleString('en-US');
  return stages
    .map((s) => `${s.utility} ${s.table}: ${fmt(s.rows)} rows${Object.entries(s.notes).map(([k, v]) => `, ${k.replace(/_/g, ' ')} ${fmt(v)}`).join('')}`)
    .join('\n');
}

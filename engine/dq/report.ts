import type { RuleResult } from './types.ts';

/** Rows per utility and table, for the snapshot's first block. */
export interface RowCount {
  utility: string;
  layer: string;
  table: string;
  rows: number;
}

export interface DqReport {
  runId: string;
  runDate: string;
  rowCounts: RowCount[];
  results: RuleResult[];
  summary: Record<'pass' | 'warn' | 'error' | 'skipped', number>;
}

export function buildReport(runId: string, runDate: Date, rowCounts: RowCount[], results: RuleResult[]): DqReport {
  const summary = { pass: 0, warn: 0, error: 0, skipped: 0 };
  for (const r of results) summary[r.status]++;
  return { runId, runDate: runDate.toISOString(), rowCounts, results, summary };
}

const fmt = (x: number) => x.toLocaleString('en-US');

/** The text snapshot: row counts by utility and layer, then each rule with status, count, % and sample keys. */
export function formatReport(r: DqReport): string {
  const out: string[] = [`Data quality snapshot — run ${r.runId}, run date ${r.runDate.slice(0, 10)}`, '', 'Row counts'];
  const tables = [...new Set(r.rowCounts.map((c) => `${c.layer}/${c.table}`))];
  const utilities = [...new Set(r.rowCounts.map((c) => c.utility))];
  const head = ['utility', ...tables.map((t) => t.split('/')[1])];
  const rows = utilities.map((u) => [u, ...tables.map((t) => {
    const c = r.rowCounts.find((x) => x.utility === u && `${x.layer}/${x.table}` === t);
    return c ? fmt(c.rows) : '-';
  })]);
  out.push(...table(head, rows, (i) => i > 0));
  out.push('', 'Rules');
  const order = { error: 0, warn: 1, pass: 2, skipped: 3 };
  const sorted = [...r.results].sort((a, b) => order[a.status] - order[b.status] || a.utility.localeCompare(b.utility) || a.rule.localeCompare(b.rule));
  const ruleRows = sorted.map((x) => [
    x.status.toUpperCase(),
    x.utility,
    x.rule,
    x.status === 'skipped' ? '-' : fmt(x.failing),
    x.status === 'skipped' || x.type === 'row_count' || x.type === 'freshness' ? '' : `${x.percent.toFixed(2)}%`,
    [x.action !== 'report' ? `[${x.action}${x.quarantined ? ` ${fmt(x.quarantined)}` : ''}]` : '', x.distinctKeys !== undefined && x.failing ? `${fmt(x.distinctKeys)} key(s)` : '', x.sample.length ? `e.g. ${x.sample.slice(0, 2).map((k) => (k.length > 72 ? k.slice(0, 71) + '…' : k)).join(', ')}` : '', x.detail ?? ''].filter(Boolean).join('  '),
  ]);
  out.push(...table(['status', 'utility', 'rule', 'failing', '%', 'details'], ruleRows, (i) => i === 3 || i === 4));
  const s = r.summary;
  out.push('', `${s.pass} pass, ${s.warn} warn, ${s.error} error${s.skipped ? `, ${s.skipped} skipped` : ''}`);
  return out.join('\n');
}

function table(head: string[], rows: string[][], numeric: (i: number) => boolean): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [head, ...rows].map((r) => '  ' + line(r));
}

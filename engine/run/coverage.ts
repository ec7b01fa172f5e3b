import type { Dialect } from '../sql/dialect.ts';
import type { TablePlan } from '../plan/types.ts';
import { work } from '../sql/statement.ts';
import type { Engine } from '../engines/engine.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { displayPath } from '../util/display-path.ts';

const n = (v: unknown) => Number(v ?? 0);
const fmt = (v: number) => v.toLocaleString('en-US');

/**
 * Per file: the rows read plus the lines skipped (malformed, too long, lost) must equal the data
 * lines the run's byte scan counted (less the line breaks inside quoted values). Lost lines, and any
 * remaining difference, are error findings located at the file and line.
 */
export async function accountCoverage(engine: Engine, d: Dialect, utility: string, t: TablePlan, rejected: number) {
  const q = d.quoteIdent;
  const rows = await engine.query<{ i: number; n: bigint }>(
    `SELECT __file_index AS i, count(*) AS n FROM ${q(work.conv(t.table))} GROUP BY ALL`,
  );
  const scanned = await engine.query<{ i: number; records: bigint; embedded: bigint }>(
    `SELECT file_index AS i, records, embedded FROM ${q(work.lines(t.table))}`,
  );
  const findings: Diagnostic[] = [];
  let skipped = 0;
  const table = `${utility}/${t.table}`;
  for (const [i, f] of t.source.files.entries()) {
    const lostLines = `count(*) FILTER (WHERE lost) AS lost, min(line) FILTER (WHERE lost) AS first`;
    const [s] = await engine.query<{ n: bigint; lost: bigint; first: bigint | null }>(
      `SELECT count(*) AS n, ${lostLines} FROM ${q(work.skip(t.table, i))}`,
    );
    skipped += n(s.n);
    const read = n(rows.find((r) => Number(r.i) === i)?.n) + n(s.n);
    const scan = scanned.find((r) => Number(r.i) === i);
    const records = n(scan?.records) - n(scan?.embedded);
    const file = displayPath(f);
    if (n(s.lost) > 0) {
      const first = s.first === null ? undefined : n(s.first);
      const detail =
        first === undefined
          ? `${n(s.lost)} line(s) were not read by the CSV reader`
          : `an unterminated quote swallows the rest of the file: lines ${fmt(first)}–${fmt(first + n(s.lost) - 1)}` +
            ` (${fmt(n(s.lost))}) are not records`;
      const line = first === undefined ? 1 : first - 1;
      const hint = first === undefined ? undefined : 'close the quote (or set csv.quote) and run again';
      findings.push(
        diag(
          'source-lines-lost',
          { table, file, line: fmt(line), detail, read: fmt(read), rejected: fmt(rejected) },
          { at: { file, line, column: 1 }, hint },
        ),
      );
    } else if (read !== records) {
      findings.push(
        diag(
          'source-lines-uncovered',
          { table, file, read: fmt(read), records: fmt(records) },
          { at: { file, line: 1, column: 1 } },
        ),
      );
    }
  }
  return { skipped, findings };
}

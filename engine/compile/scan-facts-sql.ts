import type { Dialect } from '../sql/dialect.ts';
import type { TablePlan } from '../plan/types.ts';
import type { LineScan } from '../read/scan-lines.ts';
import { work, type Statement } from '../sql/statement.ts';

const BATCH = 500;
/** A `wide` line's text is kept for its reject up to this length. */
const TEXT_CHARS = 10_000;

/** The run's byte scan of a table's files as the tables the coverage statements read (`coverage-sql.ts`). */
export function scanFactsStatements(d: Dialect, t: TablePlan, scans: LineScan[]): Statement[] {
  const q = d.quoteIdent;
  const [lines, notable] = [work.lines(t.table), work.notable(t.table)].map(q);
  const text = (s?: string) => (s === undefined ? 'NULL' : d.string(s.slice(0, TEXT_CHARS).replace(/\0/g, '')));
  const rows = scans.flatMap((s, i) =>
    s.notable.map((n) => `(${i}, ${n.line}, ${d.string(n.kind)}, ${n.bytes}, ${text(n.text)})`),
  );
  const statements: Statement[] = [
    {
      name: `${t.table}.lines`,
      kind: 'create',
      label: `${t.table}: line counts of ${scans.length} file(s)`,
      // Dropped, then created empty: the statement forms every engine runs (Spark has no typed CREATE … (cols)).
      sql: `DROP TABLE IF EXISTS ${lines};
CREATE TEMP TABLE IF NOT EXISTS ${lines} (file_index INTEGER, records BIGINT, embedded BIGINT);
INSERT INTO ${lines} VALUES ${scans.map((s, i) => `(${i}, ${s.records}, 0)`).join(', ')};
DROP TABLE IF EXISTS ${notable};
CREATE TEMP TABLE IF NOT EXISTS ${notable} (file_index INTEGER, line BIGINT, kind VARCHAR, bytes BIGINT, text VARCHAR)`,
    },
  ];
  for (let k = 0; k < rows.length; k += BATCH)
    statements.push({
      name: `${t.table}.notable.${k / BATCH}`,
      kind: 'create',
      label: `${t.table}: notable lines`,
      sql: `INSERT INTO ${notable} VALUES ${rows.slice(k, k + BATCH).join(', ')}`,
    });
  return statements;
}

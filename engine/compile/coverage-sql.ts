import type { Dialect } from '../sql/dialect.ts';
import type { TablePlan } from '../plan/types.ts';
import { work, type Statement } from '../sql/statement.ts';

/** Reason of the lines an unterminated quote swallowed (the accounting reports them as lost). */
export const UNTERMINATED_QUOTE = 'malformed row: unterminated quote';

/**
 * Coverage of file i: every data line the run's byte scan counted (`work.lines`, `work.notable`) is
 * either a row of the loaded text or a line in `work.skip` with a reason and its line number.
 *   skip  the reader's malformed rows, one per line
 *   lost  only when rows + skipped lines fall short of the scanned lines: the lines quoted values span
 *         (embedded line breaks) are counted first; then lines too long for the reader, which it may
 *         drop without a word; then what is left: the lines after an unterminated quote (it swallows the
 *         rest of the file), or lines lost at an unknown place. Lost lines make the run fail.
 */
export function coverageStatements(d: Dialect, t: TablePlan, i: number): Statement[] {
  const q = d.quoteIdent;
  const name = t.table;
  const [raw, errs, skip, lines, notable, span] = [
    work.raw(name, i),
    work.csvErrors(name, i),
    work.skip(name, i),
    work.lines(name),
    work.notable(name),
    work.span(name, i),
  ].map(q);
  const csvLine = d.recordJson([['csv_line', d.trimChars('min(csv_line)', 'chr(13) || chr(10)')]]);
  const quoteError = `min(error_message) LIKE '%unterminated quote%'`;
  const engineReason = `'malformed row: ' || lower(min(error_type))`;
  const reason = `CASE WHEN ${quoteError} THEN ${d.string(UNTERMINATED_QUOTE)} ELSE ${engineReason} END`;
  // Line breaks inside quoted values: a record of k lines counts k - 1.
  const text = `concat_ws('', ${t.source.columns.map(q).join(', ')})`;
  const newlines = `${d.fn('length', [text])} - ${d.fn('length', [d.fn('replace', [text, 'chr(10)', "''"])])}`;
  const rowLine = d.rowNumber(t.source.csv.header ? 1 : 0);
  const scanned = `(SELECT records - embedded FROM ${lines} WHERE file_index = ${i})`;
  const gap = `${scanned} - (SELECT count(*) FROM ${raw}) - (SELECT count(*) FROM ${skip})`;
  const anchor = `(SELECT max(line) FROM ${skip} WHERE reason = ${d.string(UNTERMINATED_QUOTE)})`;
  const inQuote = `'malformed row: inside the unterminated quote opened at line ' || CAST(a.at AS VARCHAR)`;
  const lostReason = `CASE WHEN a.at IS NULL THEN 'malformed row: not read by the CSV reader' ELSE ${inQuote} END`;
  const gapLines = `SELECT ${d.series('1', 'g.n')} AS k FROM (SELECT ${gap} AS n) g WHERE g.n > 0`;
  const longLines = `${notable} WHERE file_index = ${i} AND kind = 'long' AND line NOT IN (SELECT line FROM ${skip})`;
  return [
    {
      name: `${name}.skip.${i}`,
      kind: 'create',
      label: `${name}: malformed rows of file ${i}`,
      // The engine may report several errors for one line (one per missing column): one reject per line.
      sql: `CREATE OR REPLACE TEMP TABLE ${skip} AS
SELECT CAST(line AS BIGINT) AS line, ${reason} AS reason, ${csvLine} AS record, FALSE AS lost
FROM ${errs} GROUP BY line;
CREATE OR REPLACE TEMP TABLE ${span} (line BIGINT, k BIGINT)`,
    },
    {
      name: `${name}.lost.${i}`,
      kind: 'fixup',
      when: `SELECT ${gap} AS n`,
      label: `${name}: find the lines of file ${i} the reader did not return`,
      sql: [
        `INSERT INTO ${span} SELECT * FROM (SELECT ${rowLine} AS line, ${newlines} AS k FROM ${raw}) WHERE k > 0`,
        `UPDATE ${lines} SET embedded = (SELECT COALESCE(sum(k), 0) FROM ${span}) WHERE file_index = ${i}`,
        `INSERT INTO ${skip} SELECT line, 'malformed row: line size over maximum', NULL, FALSE FROM ${longLines}`,
        `INSERT INTO ${skip} SELECT a.at + s.k, ${lostReason}, NULL, TRUE
FROM (${gapLines}) s CROSS JOIN (SELECT ${anchor} AS at) a`,
      ].join(';\n'),
    },
  ];
}

/**
 * After the convert of file i: row ids become line numbers (past the lines quoted line breaks add,
 * then past the lines that are not rows: malformed and empty ones), then rows with more fields than
 * the header are rejected — the reader drops trailing empty fields without a word, and the scan
 * counted the fields of lines ending with the delimiter.
 */
export function lineFixStatements(d: Dialect, t: TablePlan, i: number): Statement[] {
  const q = d.quoteIdent;
  const name = t.table;
  const [conv, skip, notable, span] = [work.conv(name), work.skip(name, i), work.notable(name), work.span(name, i)].map(
    q,
  );
  const skipped = `SELECT line FROM ${skip} WHERE line IS NOT NULL`;
  const gaps = `${skipped} UNION SELECT line FROM ${notable} WHERE file_index = ${i} AND kind = 'blank'`;
  const breaksBefore = `SELECT COALESCE(sum(k), 0) FROM ${span} s WHERE s.line < c.__line`;
  const before = `SELECT line - row_number() OVER (ORDER BY line) AS x FROM (${gaps})`;
  const wide = `${notable} n WHERE n.file_index = ${i} AND n.kind = 'wide'`;
  const record = d.recordJson([['csv_line', 'n.text']]);
  const rejected = `__reason = 'malformed row: too many columns', __keep = FALSE, __record = ${record}`;
  return [
    {
      name: `${name}.fix-spans.${i}`,
      kind: 'fixup',
      when: `SELECT count(*) AS n FROM ${span}`,
      label: `${name}: renumber lines after quoted line breaks in file ${i}`,
      sql: `UPDATE ${conv} AS c SET __line = c.__line + (${breaksBefore}) WHERE c.__file_index = ${i}`,
    },
    {
      name: `${name}.fix-lines.${i}`,
      kind: 'fixup',
      when: `SELECT count(*) AS n FROM (${gaps})`,
      label: `${name}: renumber lines after malformed or empty lines of file ${i}`,
      sql: `UPDATE ${conv} AS c SET __line = c.__line + (SELECT count(*) FROM (${before}) e WHERE e.x <= c.__line - 1)
WHERE c.__file_index = ${i}`,
    },
    {
      name: `${name}.too-many-columns.${i}`,
      kind: 'fixup',
      when: `SELECT count(*) AS n FROM ${wide}`,
      label: `${name}: reject rows of file ${i} with more fields than the header`,
      sql: `UPDATE ${conv} AS c SET ${rejected}\nFROM ${wide} AND c.__file_index = ${i} AND c.__line = n.line`,
    },
  ];
}

/**
 * Reading a CSV file on open-source Spark with its lineage, without any ordering window or
 * single-partition step. The file is scanned as text lines (`text.\`path\``); each line's number is
 * its block's start (the lines before that block, from a per-block count — one row per block) plus
 * its position inside the block, from `monotonically_increasing_id()` (ids are consecutive inside
 * a partition, and a block is read by one task in file order). Lines are parsed by `from_csv` with
 * an all-string schema. Limits: a quoted value spanning lines is not joined (each of its lines is
 * rejected as malformed: unterminated quote); encodings other than UTF-8 are decoded from the bytes.
 */
import type { CsvReadOptions } from './dialect.ts';

const s = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const q = (name: string) => `\`${name.replace(/`/g, '``')}\``;
/** A Java regular expression matching `text` literally. */
const literal = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

/** The numbered text lines of one file: `__src_line` (1-based physical line) and `__text`. */
export function sparkNumberedLines(file: string, csv: CsvReadOptions): string {
  const utf8 = /^(utf-?8)$/i.test(csv.encoding);
  const encoding = utf8 ? undefined : csv.encoding === 'latin-1' ? 'ISO-8859-1' : csv.encoding;
  // A text line holds the file's bytes as they are; decode them when the file is not UTF-8.
  const text = encoding ? `decode(CAST(value AS BINARY), ${s(encoding)})` : 'value';
  const lines = `SELECT ${text} AS __text, input_file_block_start() AS __b, monotonically_increasing_id() AS __m`;
  const before = 'coalesce(sum(p.__n), 0) AS __before';
  return [
    `WITH lines AS (${lines} FROM text.${q(file)}),`,
    'blocks AS (SELECT __b, count(*) AS __n, min(__m) AS __m0 FROM lines GROUP BY __b),',
    `starts AS (SELECT a.__b, a.__m0, ${before} FROM blocks a LEFT JOIN blocks p ON p.__b < a.__b GROUP BY a.__b, a.__m0)`,
    'SELECT st.__before + (l.__m - st.__m0) + 1 AS __src_line, l.__text',
    'FROM lines l JOIN starts st ON l.__b = st.__b',
  ].join('\n');
}

/** The number of fields of a line: delimiters outside quoted values, plus one. */
function fieldCount(csv: CsvReadOptions): { fields: string; openQuote: string } {
  const [qu, esc] = [literal(csv.quote), literal(csv.escape)];
  const quoted = csv.escape === csv.quote ? `${qu}[^${qu}]*${qu}` : `${qu}(?:[^${qu}${esc}]|${esc}.)*${qu}`;
  const unquoted = `regexp_replace(__text, ${s(quoted)}, '')`;
  return {
    fields: `size(split(${unquoted}, ${s(literal(csv.delimiter))}, -1))`,
    openQuote: `instr(${unquoted}, ${s(csv.quote)}) > 0`,
  };
}

/** The line's problem when it is malformed (wrong field count, unterminated quote), else NULL. */
function malformed(columns: string[], csv: CsvReadOptions): string {
  const { fields, openQuote } = fieldCount(csv);
  const n = columns.length;
  const when = [
    `WHEN ${openQuote} THEN 'UNTERMINATED QUOTE'`,
    `WHEN ${fields} < ${n} THEN 'MISSING COLUMNS'`,
    `WHEN ${fields} > ${n} THEN 'TOO MANY COLUMNS'`,
  ];
  return `CASE ${when.join(' ')} END`;
}

/** A text column as a source value: one of the file's null strings is NULL. */
function nulled(value: string, csv: CsvReadOptions): string {
  const nulls = csv.nulls.map(s).join(', ');
  return nulls ? `CASE WHEN ${value} IN (${nulls}) THEN NULL ELSE ${value} END` : value;
}

/** `from_csv` of `__text` with an all-string schema of the columns and the file's characters. */
function fromCsv(columns: string[], csv: CsvReadOptions): string {
  const schema = columns.map((c) => `${q(c)} STRING`).join(', ');
  const chars = `'sep', ${s(csv.delimiter)}, 'quote', ${s(csv.quote)}, 'escape', ${s(csv.escape)}`;
  const options = `map(${chars}, 'nullValue', '\\u0000', 'mode', 'PERMISSIVE')`;
  return `from_csv(__text, ${s(schema)}, ${options})`;
}

/** Well-formed lines of `lines` parsed into `__src_line` and every column as text (null strings as NULL). */
function parsed(lines: string, columns: string[], csv: CsvReadOptions): string {
  const cell = (c: string) => (csv.nulls.length ? `${nulled(`__csv.${q(c)}`, csv)} AS ${q(c)}` : `__csv.${q(c)}`);
  const parse = `SELECT __src_line, ${fromCsv(columns, csv)} AS __csv FROM ${lines} WHERE __error IS NULL`;
  return `SELECT __src_line, ${columns.map(cell).join(', ')} FROM (${parse}) p`;
}

/**
 * Every numbered line of a file in one pass: `__src_line`, `__error` (NULL when well formed), the
 * text of a malformed line only (`__bad_text`), and the columns of a well-formed one parsed.
 */
function loadedLines(file: string, columns: string[], csv: CsvReadOptions): string {
  const parse = `CASE WHEN __error IS NULL THEN ${fromCsv(columns, csv)} END AS __csv`;
  const bad = 'CASE WHEN __error IS NOT NULL THEN __text END AS __bad_text';
  const checked = `SELECT __src_line, __error, ${bad}, ${parse} FROM (${checkedLines(file, columns, csv)}) c`;
  const cell = (c: string) => `${nulled(`__csv.${q(c)}`, csv)} AS ${q(c)}`;
  return `SELECT __src_line, __error, __bad_text, ${columns.map(cell).join(', ')} FROM (${checked}) p`;
}

/** Numbered, non-empty data lines of one file with their problem (`__error`). */
function checkedLines(file: string, columns: string[], csv: CsvReadOptions): string {
  const first = csv.header ? 2 : 1;
  const numbered = sparkNumberedLines(file, csv);
  return `SELECT *, ${malformed(columns, csv)} AS __error FROM (${numbered}) n WHERE __src_line >= ${first} AND __text <> ''`;
}

/** One query of the well-formed rows of a file (`__src_line` and the columns as text). */
export function sparkReadCsv(file: string, columns: string[], csv: CsvReadOptions): string {
  return `(${parsed(`(${checkedLines(file, columns, csv)})`, columns, csv)})`;
}

/**
 * Statements loading one file: its lines numbered, checked and parsed in one pass (one Spark job),
 * the malformed ones into `errors` (line, error_type, csv_line: as DuckDB's reject tables), the
 * others as `raw`. On open-source Spark `raw` is a view (the runner's snapshot of the loaded lines:
 * no job of its own, freed when `raw` is dropped); on Databricks, where a view is read by name, a table.
 */
export function sparkLoadCsvAs(rawKind: 'VIEW' | 'TABLE') {
  return (raw: string, errors: string, file: string, columns: string[], csv: CsvReadOptions): string => {
    const lines = q(`${raw}__lines`);
    const line = '__src_line AS line, __error AS error_type, __error AS error_message, __bad_text AS csv_line';
    const good = `SELECT __src_line, ${columns.map(q).join(', ')} FROM ${lines} WHERE __error IS NULL`;
    return [
      `CREATE OR REPLACE TEMP TABLE ${lines} AS ${loadedLines(file, columns, csv)}`,
      `CREATE OR REPLACE TEMP TABLE ${q(errors)} AS SELECT ${line} FROM ${lines} WHERE __error IS NOT NULL`,
      `CREATE OR REPLACE TEMP ${rawKind} ${q(raw)} AS ${good}`,
      `DROP TABLE IF EXISTS ${lines}`,
    ].join(';\n');
  };
}

export const sparkLoadCsv = sparkLoadCsvAs('VIEW');

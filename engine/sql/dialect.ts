/**
 * A SQL dialect: the small set of hooks where SQL text differs between engines (DuckDB now,
 * Spark next). Everything else in the compiler is plain ANSI SQL built from these hooks.
 */
import type { SqlType } from '../model/sql-type.ts';

export type { SqlType };

export interface Dialect {
  readonly name: string;
  quoteIdent(name: string): string;
  string(value: string): string;
  /** Cast that yields NULL instead of failing. `timestamp` means an instant (UTC). */
  tryCast(expr: string, type: SqlType): string;
  cast(expr: string, type: SqlType): string;
  /** Concatenation in which NULL parts count as empty strings (JSONata's `&`). */
  concat(parts: string[]): string;
  regexpMatches(expr: string, pattern: string): string;
  /** Capture group `group` of the first match, NULL when there is no match. */
  regexpExtract(expr: string, pattern: string, group: number): string;
  /** Parse a string with a strftime pattern into a local (zone-less) timestamp; NULL on failure. */
  tryParseLocal(expr: string, strftime: string): string;
  /** Parse ISO 8601 text carrying `Z` or an offset into an instant; NULL on failure. */
  tryParseIsoInstant(expr: string): string;
  /** Interpret a local (zone-less) timestamp in `zone` and return the instant. */
  localToInstant(expr: string, zone: string): string;
  /** The local (zone-less) wall-clock time of an instant in `zone`. */
  instantToLocal(expr: string, zone: string): string;
  /** Instant from (fractional) seconds since 1970-01-01T00:00:00Z. */
  epochSecondsToInstant(expr: string): string;
  /** `expr + seconds` where expr is an instant or a local timestamp. */
  addSeconds(expr: string, secondsExpr: string): string;
  /** Seconds between two instants (b - a) as a number. */
  diffSeconds(a: string, b: string): string;
  /** Parse ISO 8601 text without offset (`2025-01-30T06:20:00`, `2025-01-30`) into a local timestamp. */
  tryParseIsoLocal(expr: string): string;
  /**
   * JSON text of a record built from (name, expr, type?) fields, for rejected rows, as DuckDB's
   * to_json writes it; an engine whose JSON differs by type renders typed fields by their type.
   */
  recordJson(fields: [name: string, expr: string, type?: SqlType][]): string;
  /** Lowercase hex HMAC-SHA-256 of the text `expr` (UTF-8), from the key's inner/outer blocks as hex. */
  hmacSha256Hex(expr: string, ipadHex: string, opadHex: string): string;
  /** CSV scan of one file with all columns as text; `rejects` names where malformed rows go (if supported). */
  readCsv(file: string, columns: string[], csv: CsvReadOptions, rejects: string): string;
  /**
   * Statement(s) loading one CSV file as text into the working table `raw`, its malformed rows into
   * `errors` (line, error_type, csv_line), `;`-separated.
   */
  loadCsv(raw: string, errors: string, file: string, columns: string[], csv: CsvReadOptions): string;
  /**
   * True when `rowNumber` counts only the well-formed rows of a file (DuckDB's reader drops malformed
   * ones), so lines after a malformed row need renumbering; false when rows carry their file line.
   */
  readonly renumbersLines: boolean;
  /** `SELECT columns FROM from` keeping only the rows where `condition` (a window, e.g. `row_number() OVER (…) = 1`) holds. */
  qualify(columns: string, from: string, condition: string): string;
  /**
   * Statement writing `select` as Parquet under `dir`, in Hive-style `col=value` folders. `known`: partition
   * columns that hold one value on every row (the plan's utility), which a dialect may write as a folder
   * of its own instead of partitioning by them (`partitionFolder`).
   */
  writeParquet(select: string, dir: string, partitionBy: string[], known?: Record<string, string>): string;
  /**
   * The folder `writeParquet` writes into when it writes the `known` partitions as folders itself (the
   * engine makes it first; it is left out when no file went into it); undefined when the statement makes its own.
   */
  partitionFolder(dir: string, partitionBy: string[], known?: Record<string, string>): string | undefined;
  /** Instants before and after any real one (open bounds of effective periods). */
  minInstant(): string;
  maxInstant(): string;
  /** Truncate a (local or instant) timestamp to the start of its hour, day or month. */
  dateTrunc(unit: 'hour' | 'day' | 'month', expr: string): string;
  /** Add one calendar unit to a local timestamp (DST-safe when converted back to an instant after). */
  addCalendar(expr: string, unit: 'hour' | 'day' | 'month'): string;
  /** `yyyy-mm` of a local timestamp (month partitions). */
  monthKey(expr: string): string;
  /** The `value` of the row with the smallest `keys` tuple (compared left to right). */
  minBy(value: string, keys: string[]): string;
  /** A stable bucket number 0..n-1 of a value (for splitting work into passes). */
  bucketOf(expr: string, n: number): string;
  /**
   * An approximate count of the distinct combinations of `exprs` (bounded memory); several are counted by
   * their 64-bit hash, not as a text built per row.
   */
  approxCountDistinct(exprs: string[]): string;
  /** The `value` of the row with the largest `keys` tuple. */
  maxBy(value: string, keys: string[]): string;
  /** JSON text of a whole row of the table aliased `alias`; `columns`: its columns and their types, when known. */
  rowJson(alias: string, columns?: [name: string, type?: SqlType][]): string;
  /** A number as text for people (findings), as DuckDB's `CAST(x AS VARCHAR)` writes it: `0.5`, `12`, `1e+20`. */
  numberText(expr: string): string;
  /** An instant as text for people, as DuckDB's `CAST(x AS VARCHAR)` writes it: `2025-01-22 09:15:00.5+00`. */
  instantText(expr: string): string;
  /** `expr` without the characters of `chars` at both ends (DuckDB's `trim(expr, chars)`). */
  trimChars(expr: string, chars: string): string;
  /** 1-based position of a row in the table it is scanned from (insertion order), plus `offset`. */
  rowNumber(offset: number): string;
  /** A set-returning select item: one row per integer from `from` to `to` (callers ensure from ≤ to). */
  series(from: string, to: string): string;
  /** A number as an exact decimal with 9 places (order-independent sums). */
  toDecimal(expr: string): string;
  /** Select-list expression: one row per local midnight (zone-less) from `first` to `last`, a day apart. */
  localDaySeries(first: string, last: string): string;
  /** Median of the non-null values of a few expressions (a small neighbourhood), NULL when all are null. */
  medianOf(values: string[]): string;
  /** Aggregate: the non-null values of `expr` joined by `sep`, in the order of `orderBy`. */
  stringAgg(expr: string, orderBy: string, sep: string): string;
  /** Functions that differ in name: `upper`, `lower`, `trim`, `length`, `strpos` … */
  fn(name: DialectFunction, args: string[]): string;
}

export type DialectFunction =
  | 'upper'
  | 'lower'
  | 'trim'
  | 'length'
  | 'substring' // 1-based start, optional length
  | 'strpos' // 1-based, 0 when absent
  | 'replace'
  | 'round'
  | 'abs'
  | 'floor'
  | 'ceil'
  | 'power'
  | 'sqrt';

export interface CsvReadOptions {
  delimiter: string;
  quote: string;
  escape: string;
  header: boolean;
  encoding: string;
  nulls: string[];
}

export function sqlStringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

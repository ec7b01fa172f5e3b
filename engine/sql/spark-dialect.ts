/**
 * Spark SQL 3.5 dialect. String literals escape with backslashes (Spark concatenates adjacent
 * literals, so SQL-standard '' doubling would silently drop the quote).
 */
import type { Dialect, DialectFunction, SqlType } from './dialect.ts';
import { strftimeToJava } from './strftime-to-java.ts';

const types: Record<SqlType, string> = {
  string: 'STRING',
  double: 'DOUBLE',
  bigint: 'BIGINT',
  integer: 'INT',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
};

const names: Record<DialectFunction, string> = {
  upper: 'upper',
  lower: 'lower',
  trim: 'trim',
  length: 'char_length',
  substring: 'substring',
  strpos: 'instr',
  replace: 'replace',
  round: 'round',
  abs: 'abs',
  floor: 'floor',
  ceil: 'ceil',
  power: 'power',
  sqrt: 'sqrt',
};

export function sparkString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const micros = (seconds: string): string => `CAST(round((${seconds}) * 1000000) AS BIGINT)`;

export const sparkDialect: Dialect = {
  name: 'spark',
  quoteIdent: (name) => `\`${name.replace(/`/g, '``')}\``,
  string: sparkString,
  tryCast: (expr, type) => `try_cast(${expr} AS ${types[type]})`,
  cast: (expr, type) => `CAST(${expr} AS ${types[type]})`,
  // concat_ws skips NULLs, so missing parts count as empty strings.
  concat: (parts) => `concat_ws('', ${parts.join(', ')})`,
  regexpMatches: (expr, pattern) => `(${expr} RLIKE ${sparkString(pattern)})`,
  regexpExtract: (expr, pattern, group) => `NULLIF(regexp_extract(${expr}, ${sparkString(pattern)}, ${group}), '')`,
  tryParseLocal: (expr, strftime) => `try_to_timestamp(${expr}, ${sparkString(strftimeToJava(strftime))})`,
  tryParseIsoInstant: (expr) => `try_cast(${expr} AS TIMESTAMP)`,
  // With the session time zone set to UTC, a TIMESTAMP holds the wall-clock value.
  localToInstant: (expr, zone) => `to_utc_timestamp(${expr}, ${sparkString(zone)})`,
  instantToLocal: (expr, zone) => `from_utc_timestamp(${expr}, ${sparkString(zone)})`,
  epochSecondsToInstant: (expr) => `timestamp_micros(${micros(expr)})`,
  addSeconds: (expr, seconds) => `timestamp_micros(unix_micros(${expr}) + ${micros(seconds)})`,
  diffSeconds: (a, b) => `((unix_micros(${b}) - unix_micros(${a})) / 1000000)`,
  tryParseIsoLocal: (expr) => `try_cast(${expr} AS TIMESTAMP)`,
  hmacSha256Hex: (x, ipad, opad) =>
    `sha2(concat(unhex('${opad}'), unhex(sha2(concat(unhex('${ipad}'), encode(CAST(${x} AS STRING), 'UTF-8')), 256))), 256)`,
  recordJson: (fields) => `to_json(named_struct(${fields.map(([k, v]) => `${sparkString(k)}, ${v}`).join(', ')}))`,
  // Databricks SQL: `read_files` scans a CSV with options and an all-string schema. Malformed rows
  // go to `_rescued_data`; the DuckDB dialect's reject tables have no counterpart here yet.
  readCsv: (file, columns, csv) =>
    `read_files(${sparkString(file)}, format => 'csv', header => ${csv.header}, sep => ${sparkString(csv.delimiter)}, quote => ${sparkString(csv.quote)}, escape => ${sparkString(csv.escape)}, encoding => ${sparkString(csv.encoding === 'latin-1' ? 'ISO-8859-1' : 'UTF-8')}, nullValue => ${sparkString(csv.nulls[0] ?? '')}, mode => 'PERMISSIVE', schema => ${sparkString(columns.map((c) => `\`${c.replace(/`/g, '``')}\` STRING`).join(', '))})`,
  // A partitioned Parquet table at `dir` (Databricks/Spark CTAS).
  writeParquet: (select, dir, partitionBy) =>
    `CREATE OR REPLACE TABLE parquet.${'`'}${dir.replace(/`/g, '``')}${'`'} USING parquet${partitionBy.length ? ` PARTITIONED BY (${partitionBy.map((c) => '`' + c + '`').join(', ')})` : ''} AS ${select}`,
  minInstant: () => `TIMESTAMP '0001-01-01 00:00:00'`,
  maxInstant: () => `TIMESTAMP '9999-12-31 23:59:59'`,
  dateTrunc: (unit, expr) => `date_trunc('${unit.toUpperCase()}', ${expr})`,
  addCalendar: (expr, unit) => `(${expr} + INTERVAL 1 ${unit.toUpperCase()})`,
  monthKey: (expr) => `date_format(${expr}, 'yyyy-MM')`,
  maxBy: (value, keys) => `max_by(${value}, ${keys.length === 1 ? keys[0] : `struct(${keys.join(', ')})`})`,
  approxCountDistinct: (expr) => `approx_count_distinct(${expr})`,
  bucketOf: (expr, n) => `pmod(hash(${expr}), ${n})`,
  minBy: (value, keys) => `min_by(${value}, ${keys.length === 1 ? keys[0] : `struct(${keys.join(', ')})`})`,
  rowJson: (alias) => `to_json(struct(${alias}.*))`,
  rowNumber: (offset) => `(row_number() OVER (ORDER BY monotonically_increasing_id()) + ${offset})`,
  toDecimal: (expr) => `CAST(${expr} AS DECIMAL(38, 9))`,
  fn: (name, args) => `${names[name]}(${args.join(', ')})`,
};

/**
 * Spark SQL 4 dialect (open-source Spark, as PyPI's pyspark ships it). String literals escape with backslashes (Spark concatenates adjacent
 * literals, so SQL-standard '' doubling would silently drop the quote).
 */
import type { Dialect, DialectFunction, SqlType } from './dialect.ts';
import { strftimeToJava } from './strftime-to-java.ts';
import { sqlStringLiteral } from './dialect.ts';
import { sparkLoadCsv, sparkLoadCsvAs, sparkReadCsv } from './spark-csv.ts';
import { doubleCastText, typedRecordJson, type JsonField } from './spark-json.ts';
import { lenientWidths } from './spark-pattern.ts';

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

const quoteIdent = (name: string) => `\`${name.replace(/`/g, '``')}\``;
/** Partition columns as written in the original write forms: backquoted, not escaped (model names). */
const backquotedList = (cols: string[]) => cols.map((c) => '`' + c + '`').join(', ');

export function sparkString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

// Double arithmetic as in DuckDB; integer seconds × 10⁶ would overflow INT under ANSI mode.
const micros = (seconds: string): string => `CAST(round(CAST(${seconds} AS DOUBLE) * 1000000) AS BIGINT)`;

// JSON text as DuckDB's to_json writes it: NULL fields kept, instants as `2025-01-22 09:15:00+00`.
// This pattern drops fractional seconds and Spark writes doubles as Java does: typed fields and
// columns are rendered by their type instead (spark-json.ts); untyped ones are text in practice.
const jsonOptions = `map('ignoreNullFields', 'false', 'timestampFormat', 'yyyy-MM-dd HH:mm:ssx', 'timestampNTZFormat', 'yyyy-MM-dd HH:mm:ss')`;

export const sparkDialect: Dialect = {
  name: 'spark',
  quoteIdent,
  string: sparkString,
  tryCast: (expr, type) => `try_cast(${expr} AS ${types[type]})`,
  cast: (expr, type) => `CAST(${expr} AS ${types[type]})`,
  // concat_ws skips NULLs, so missing parts count as empty strings.
  concat: (parts) => `concat_ws('', ${parts.join(', ')})`,
  regexpMatches: (expr, pattern) => `(${expr} RLIKE ${sparkString(pattern)})`,
  regexpExtract: (expr, pattern, group) => `NULLIF(regexp_extract(${expr}, ${sparkString(pattern)}, ${group}), '')`,
  // Java's `MM` takes exactly two digits where strftime's %m takes one or two (spark-pattern.ts).
  tryParseLocal: (expr, strftime) =>
    `try_to_timestamp(${expr}, ${sparkString(strftimeToJava(lenientWidths(strftime)))})`,
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
  recordJson: (fields) =>
    fields.some(([, , type]) => type)
      ? typedRecordJson(fields, jsonOptions, sparkString)
      : `to_json(named_struct(${fields.map(([k, v]) => `${sparkString(k)}, ${v}`).join(', ')}), ${jsonOptions})`,
  readCsv: (file, columns, csv) => sparkReadCsv(file, columns, csv),
  loadCsv: sparkLoadCsv,
  renumbersLines: false,
  // Spark SQL has no QUALIFY: the window's result is a column, filtered on and then left out.
  qualify: (columns, from, condition) => `SELECT * EXCEPT (__qualify) FROM (SELECT ${columns}, (${condition}) AS __qualify FROM ${from}) WHERE __qualify`,
  // Spark SQL has no statement writing Hive-partitioned Parquet to a folder: the engine runs this
  // form as a DataFrame write (engines/spark/statement-forms.ts).
  writeParquet: (select, dir, partitionBy) => {
    const partitions = partitionBy.length ? `, PARTITION_BY (${backquotedList(partitionBy)})` : '';
    return `COPY (${select}) TO ${sqlStringLiteral(dir)} (FORMAT parquet${partitions})`;
  },
  // Spark's writer partitions as it writes: known values need no folder of their own.
  partitionFolder: () => undefined,
  minInstant: () => `TIMESTAMP '0001-01-01 00:00:00'`,
  maxInstant: () => `TIMESTAMP '9999-12-31 23:59:59'`,
  dateTrunc: (unit, expr) => `date_trunc('${unit.toUpperCase()}', ${expr})`,
  addCalendar: (expr, unit) => `(${expr} + INTERVAL 1 ${unit.toUpperCase()})`,
  monthKey: (expr) => `date_format(${expr}, 'yyyy-MM')`,
  maxBy: (value, keys) => `max_by(${value}, ${keys.length === 1 ? keys[0] : `struct(${keys.join(', ')})`})`,
  approxCountDistinct: (exprs) => `approx_count_distinct(${exprs.length === 1 ? exprs[0] : `xxhash64(${exprs.join(', ')})`})`,
  bucketOf: (expr, n) => `pmod(hash(${expr}), ${n})`,
  minBy: (value, keys) => `min_by(${value}, ${keys.length === 1 ? keys[0] : `struct(${keys.join(', ')})`})`,
  rowJson: (alias, columns) => {
    if (!columns) return `to_json(struct(${alias}.*), ${jsonOptions})`;
    const fields = columns.map(([c, type]): JsonField => [c, `${alias}.${quoteIdent(c)}`, type]);
    return typedRecordJson(fields, jsonOptions, sparkString);
  },
  // Spark's two-argument trim(a, b) trims the characters of a from b: the SQL-standard form says which is which.
  trimChars: (expr, chars) => `trim(BOTH (${chars}) FROM ${expr})`,
  // Java writes doubles as `1.0E20`, `5.0E-4`: rewritten to DuckDB's text (spark-json.ts).
  numberText: (expr) => doubleCastText(expr),
  // CAST trims the fraction's trailing zeros as DuckDB does; DuckDB's TIMESTAMPTZ text ends in the offset.
  instantText: (expr) => `concat(CAST(${expr} AS STRING), '+00')`,
  // Rows carry their physical file line from the load (spark-csv.ts), header included: no offset.
  rowNumber: () => '__src_line',
  toDecimal: (expr) => `CAST(${expr} AS DECIMAL(38, 9))`,
  series: (from, to) => `explode(sequence(${from}, ${to}))`,
  localDaySeries: (first, last) => `explode(sequence(${first}, ${last}, INTERVAL 1 DAY))`,
  // The middle of the sorted non-null values (the mean of the two middle ones for an even count);
  // `aggregate` over a one-element array binds the sorted array to `s` once.
  medianOf: (values) => {
    const sorted = `array_sort(filter(array(${values.join(', ')}), x -> x IS NOT NULL))`;
    const at = (i: string) => `element_at(s, CAST(size(s) DIV 2 + ${i} AS INT))`;
    const odd = `size(s) % 2 = 1`;
    const median = `CASE WHEN size(s) = 0 THEN NULL WHEN ${odd} THEN ${at('1')} ELSE (${at('0')} + ${at('1')}) / 2 END`;
    return `aggregate(array(${sorted}), CAST(NULL AS DOUBLE), (acc, s) -> ${median})`;
  },
  stringAgg: (expr, orderBy, sep) => {
    const pairs = `array_sort(collect_list(struct(${orderBy} AS k, ${expr} AS v)))`;
    return `array_join(transform(${pairs}, x -> x.v), ${sparkString(sep)})`;
  },
  fn: (name, args) => `${names[name]}(${args.join(', ')})`,
};

/**
 * Databricks: the Spark dialect except the table writes (a partitioned Parquet table at the folder,
 * by CTAS) and the loaded rows of a file, a table (a Databricks view is read by name, after the
 * load's own table is gone). Reading and lineage are the same open-source Spark SQL.
 */
export const databricksDialect: Dialect = {
  ...sparkDialect,
  name: 'databricks',
  loadCsv: sparkLoadCsvAs('TABLE'),
  writeParquet: (select, dir, partitionBy) => {
    const table = `parquet.${'`'}${dir.replace(/`/g, '``')}${'`'}`;
    const partitions = partitionBy.length ? ` PARTITIONED BY (${backquotedList(partitionBy)})` : '';
    return `CREATE OR REPLACE TABLE ${table} USING parquet${partitions} AS ${select}`;
  },
};

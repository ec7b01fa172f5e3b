import { sqlStringLiteral, type Dialect, type DialectFunction, type SqlType } from './dialect.ts';
import { duckdbParquetWrite } from './duckdb-parquet-write.ts';

const types: Record<SqlType, string> = {
  string: 'VARCHAR',
  double: 'DOUBLE',
  bigint: 'BIGINT',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMPTZ',
  date: 'DATE',
};

/** DuckDB's limit on a CSV line (its default): a longer line is reported malformed, or lost above ~32 MiB. */
export const READER_MAX_LINE_BYTES = 2_000_000;

/**
 * DuckDB globs every path it reads: a file name holding `[`, `*` or `?` is escaped as a one-character
 * class (`x[[]1].csv` reads exactly `x[1].csv`), so each file the mapping's glob found is read by its path.
 */
const literalPath = (file: string) => file.replace(/[[*?]/g, (c) => `[${c}]`);

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  quoteIdent: (name) => `"${name.replace(/"/g, '""')}"`,
  string: sqlStringLiteral,
  tryCast: (expr, type) => `TRY_CAST(${expr} AS ${types[type]})`,
  cast: (expr, type) => `CAST(${expr} AS ${types[type]})`,
  concat: (parts) => (parts.length === 1 ? `COALESCE(${parts[0]}, '')` : `concat(${parts.join(', ')})`),
  regexpMatches: (expr, pattern) => `regexp_matches(${expr}, ${sqlStringLiteral(pattern)})`,
  regexpExtract: (expr, pattern, group) =>
    `NULLIF(regexp_extract(${expr}, ${sqlStringLiteral(pattern)}, ${group}), '')`,
  tryParseLocal: (expr, strftime) => `try_strptime(${expr}, ${sqlStringLiteral(strftime)})`,
  // DuckDB parses offsets and `Z` in a cast to TIMESTAMPTZ; the session time zone is UTC.
  tryParseIsoInstant: (expr) => `TRY_CAST(${expr} AS TIMESTAMPTZ)`,
  localToInstant: (expr, zone) => `(${expr} AT TIME ZONE ${sqlStringLiteral(zone)})`,
  instantToLocal: (expr, zone) => `(${expr} AT TIME ZONE ${sqlStringLiteral(zone)})`,
  epochSecondsToInstant: (expr) => `to_timestamp(${expr})`,
  // In DOUBLE, as Spark's: an integer times the literal 1000000.0 is an exact DECIMAL, whose round and
  // cast cost 0.9 µs a row (utility 1's interval_end_ts: 0.45 of 0.06 s per 500k rows). Equal for
  // every |seconds| below 2^53 µs (285 years); doubles were computed in DOUBLE already.
  addSeconds: (expr, seconds) =>
    `(${expr} + to_microseconds(CAST(round(CAST(${seconds} AS DOUBLE) * 1000000.0) AS BIGINT)))`,
  diffSeconds: (a, b) => `(epoch(${b}) - epoch(${a}))`,
  tryParseIsoLocal: (expr) => `TRY_CAST(${expr} AS TIMESTAMP)`,
  hmacSha256Hex: (x, ipad, opad) => `sha256(unhex('${opad}') || unhex(sha256(unhex('${ipad}') || encode(CAST(${x} AS VARCHAR)))))`,
  recordJson: (fields) => `to_json({${fields.map(([k, v]) => `${sqlStringLiteral(k)}: ${v}`).join(', ')}})`,
  readCsv: (file, columns, csv, rejects) => {
    const cols = columns.map((c) => `${sqlStringLiteral(c)}: 'VARCHAR'`).join(', ');
    const opts = [
      `columns = {${cols}}`,
      `header = ${csv.header}`,
      'auto_detect = false',
      `delim = ${sqlStringLiteral(csv.delimiter)}`,
      `quote = ${sqlStringLiteral(csv.quote)}`,
      `escape = ${sqlStringLiteral(csv.escape)}`,
      `encoding = ${sqlStringLiteral(csv.encoding)}`,
      `nullstr = [${csv.nulls.map(sqlStringLiteral).join(', ')}]`,
      // Explicit, so the run's line scan knows which lines the reader cannot hold.
      `max_line_size = ${READER_MAX_LINE_BYTES}`,
      'store_rejects = true',
      `rejects_table = ${sqlStringLiteral(rejects)}`,
      `rejects_scan = ${sqlStringLiteral(rejects + '_scan')}`,
    ];
    return `read_csv(${sqlStringLiteral(literalPath(file))}, ${opts.join(', ')})`;
  },
  loadCsv(raw, errors, file, columns, csv) {
    return `CREATE OR REPLACE TEMP TABLE ${this.quoteIdent(raw)} AS SELECT * FROM ${this.readCsv(file, columns, csv, errors)}`;
  },
  renumbersLines: true,
  qualify: (columns, from, condition) => `SELECT ${columns} FROM ${from} QUALIFY ${condition}`,
  // Options measured (CPU of one COPY of the 10M set's external Product, 5M rows × 30 columns, two
  // runs each): zstd 14.4/15.7 s, snappy 15.3/14.6 s (files +70 %), zstd level 1 14.2/14.0 s (+7 %),
  // row groups of 30720 rows 13.5/14.3 s (+13 %); at 1M, row groups of 1M rows cost +50 % and the
  // dictionary limits were within noise. None pays: zstd and 122880 stay. PER_THREAD_OUTPUT cannot
  // be combined with PARTITION_BY. PARTITION_BY itself costs (it materializes every row before it
  // writes, duckdb/duckdb#8981): the partitions whose value is known are written as folders
  // (duckdb-parquet-write.ts).
  writeParquet: (select, dir, partitionBy, known) => duckdbParquetWrite(select, dir, partitionBy, known).sql,
  partitionFolder: (dir, partitionBy, known) => duckdbParquetWrite('', dir, partitionBy, known).folder,
  minInstant: () => `CAST('-infinity' AS TIMESTAMPTZ)`,
  maxInstant: () => `CAST('infinity' AS TIMESTAMPTZ)`,
  dateTrunc: (unit, expr) => `date_trunc('${unit}', ${expr})`,
  addCalendar: (expr, unit) => `(${expr} + INTERVAL 1 ${unit.toUpperCase()})`,
  monthKey: (expr) => `strftime(${expr}, '%Y-%m')`,
  maxBy: (value, keys) => `arg_max(${value}, ${keys.length === 1 ? keys[0] : `(${keys.join(', ')})`})`,
  approxCountDistinct: (exprs) => `approx_count_distinct(${exprs.length === 1 ? exprs[0] : `hash(${exprs.join(', ')})`})`,
  bucketOf: (expr, n) => `(hash(${expr}) % ${n})`,
  minBy: (value, keys) => `arg_min(${value}, ${keys.length === 1 ? keys[0] : `(${keys.join(', ')})`})`,
  rowJson: (alias) => `CAST(to_json(${alias}) AS VARCHAR)`,
  trimChars: (expr, chars) => `trim(${expr}, ${chars})`,
  numberText: (expr) => `CAST(${expr} AS VARCHAR)`,
  instantText: (expr) => `CAST(${expr} AS VARCHAR)`,
  // rowid follows insertion order, and a table loaded from a CSV keeps the file's order.
  rowNumber: (offset) => `(rowid + ${offset + 1})`,
  series: (from, to) => `unnest(generate_series(${from}, ${to}))`,
  toDecimal: (expr) => `CAST(${expr} AS DECIMAL(38, 9))`,
  localDaySeries: (first, last) => `unnest(generate_series(${first}, ${last}, INTERVAL 1 DAY))`,
  medianOf: (values) => `list_median([${values.join(', ')}])`,
  stringAgg: (expr, orderBy, sep) => `string_agg(${expr}, ${sqlStringLiteral(sep)} ORDER BY ${orderBy})`,
  fn: (name: DialectFunction, args: string[]) => `${name}(${args.join(', ')})`,
};

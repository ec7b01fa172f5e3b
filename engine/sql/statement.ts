/** One compiled SQL statement of a run, with what it is for. */
export interface Statement {
  /** Stable name used in progress output and golden tests, e.g. `intervals.convert`. */
  name: string;
  /** Statements of kind `fixup` run only when their `when` query (one row, column `n`) returns n > 0. */
  kind: 'create' | 'check' | 'fixup' | 'drop';
  sql: string;
  when?: string;
  /** Human label for progress output. */
  label: string;
}

/** Names of the working tables of a table plan (engine-session temp tables). */
export const work = {
  conv: (t: string) => `gf_conv_${t}`,
  hist: (t: string) => `gf_hist_${t}`,
  std: (t: string) => `gf_std_${t}`,
  rej: (t: string) => `gf_rej_${t}`,
  /** Keys of the kept rows that repeat, one row each (key columns, `__n` rows, `__best` order value when one). */
  rep: (t: string) => `gf_rep_${t}`,
  csvErrors: (t: string, i: number) => `gf_csverr_${t}_${i}`,
  raw: (t: string, i: number) => `gf_raw_${t}_${i}`,
  /** Lines of file i the reader did not return as rows: malformed, too long, or lost (line, reason, record, lost). */
  skip: (t: string, i: number) => `gf_skip_${t}_${i}`,
  /** Rows of file i whose quoted values hold line breaks: (line as numbered by row id, breaks). */
  span: (t: string, i: number) => `gf_span_${t}_${i}`,
  /** From the run's independent byte scan of each file: (file_index, records, embedded). */
  lines: (t: string) => `gf_lines_${t}`,
  /** From the same scan: lines the reader skips or misreads (file_index, line, kind, bytes, text). */
  notable: (t: string) => `gf_notable_${t}`,
};

/** A statement that writes one published table (or its rejects) into the staging folder. */
export interface WriteStatement {
  layer: string;
  table: string;
  sql: string;
  /** The rows have no order to keep (the table is unsorted): the engine may write them in parallel. */
  unordered?: boolean;
  /** A folder the statement writes into, made before it runs (`Dialect.partitionFolder`); removed if left empty. */
  folder?: string;
  /**
   * The write may instead run once per value of a partition column (`run/write-parts.ts`): `values`
   * is a query of the column's values (column `v`), `most` the most parts worth it, `target` the write.
   */
  split?: WriteSplit;
}

/** See WriteStatement.split. */
export interface WriteSplit {
  column: string;
  values: string;
  most: number;
  target: ParquetTarget;
}

/** What one write publishes: the rows of `select` as Parquet under `dir`, partitioned by `partitionBy`. */
export interface ParquetTarget {
  layer: string;
  table: string;
  select: string;
  dir: string;
  partitionBy: string[];
  /** Partition columns with one value on every row (the plan's utility). */
  known?: Record<string, string>;
  /** The rows have no order to keep (see WriteStatement). */
  unordered?: boolean;
}

import type { Dialect } from '../sql/dialect.ts';

/** An execution engine: runs SQL of one dialect. DuckDB embedded now; others plug in here. */
export interface Engine {
  /** The dialect every statement run on this engine is compiled for. */
  readonly dialect: Dialect;
  /**
   * Runs a statement. `unordered`: the statement's rows need not keep their order (a write of an
   * unsorted table), so the engine may write them from several threads at once.
   */
  run(sql: string, opts?: { unordered?: boolean }): Promise<void>;
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Rows for people: dates and instants as text (UTC), integers as numbers. */
  queryDisplay(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
  /** How far the running statement is, where the engine knows it (opened with `progress: true`). */
  progress?(): EngineProgress | undefined;
}

/** A running statement's progress: `percent` is -1 while unknown. */
export interface EngineProgress {
  percent: number;
  rows: number;
  totalRows: number;
}

export interface EngineOptions {
  /** Memory ceiling, e.g. '1GB'; larger joins and sorts spill to `tempDir`. */
  memoryLimit?: string;
  threads?: number;
  tempDir?: string;
  /** Track the progress of statements (for a live status line on a terminal). */
  progress?: boolean;
  /**
   * DuckDB: write each statement's profile (DuckDB's JSON: operators, timings, rows) to
   * `<profileDir>/<NNNN>.json`, numbered in run order (`bench --profile DIR`; `bench/profile-summary.ts`).
   */
  profileDir?: string;
  /** Spark: the cluster manager URL passed to the session builder (local[N], spark://…, yarn, k8s://…). */
  master?: string;
  /** Spark: extra session settings (`spark.*` keys). */
  sparkConf?: Record<string, string>;
  /** Spark: keep one session per master for later engines (start-up takes seconds); tests share one. */
  reuseSession?: boolean;
}

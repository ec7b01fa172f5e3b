import type { Dialect } from './dialect.ts';
import { duckdbDialect } from './duckdb-dialect.ts';
import { databricksDialect, sparkDialect } from './spark-dialect.ts';

/** Dialects by name (the `--dialect` option). */
export const dialects: Record<string, Dialect> = { duckdb: duckdbDialect, spark: sparkDialect, databricks: databricksDialect };

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plan } from '../plan/types.ts';
import type { Dialect } from '../sql/dialect.ts';
import { duckdbDialect } from '../sql/duckdb-dialect.ts';
import { sparkDialect } from '../sql/spark-dialect.ts';
import { sqlStringLiteral } from '../sql/dialect.ts';
import { effectiveMeterHop } from '../stages/meter-periods.ts';
import {
  internalProductDir,
  internalProductSelect,
  internalProductView,
  meterPeriodsLayer,
  meterPeriodsName,
  viewFactsFile,
  type ViewSources,
  type ViewUtility,
} from '../stages/usage-interval-view-sql.ts';

/**
 * The internal Product's view in a published set. Each run writes, per utility with intervals, the
 * facts its part of the view needs (`product/usage_interval_internal/utility_id=U/view.json`: zone,
 * dated meters), so they are carried over with the utility's other folders; once the set is whole
 * (after the carry-over) the view is written per dialect in the same folder, over the set's own
 * folders: `product/usage_interval_internal/view.duckdb.sql` (paths relative to the set folder) and
 * `…/view.spark.sql` (paths under `${root}`, the set folder). The folder holds no Parquet file, so
 * readers that list tables by their files pass it by.
 */
export function writeViewFacts(stage: string, plan: Plan): string | undefined {
  // A utility without intervals (or none written) has no rows in the view: nothing to publish for it.
  if (!hasParquet(path.join(stage, INPUTS.intervals, `utility_id=${plan.utility}`))) return undefined;
  const facts: ViewUtility = {
    utility: plan.utility,
    timezone: plan.timezone,
    meterPeriods: effectiveMeterHop(plan) !== undefined && plan.tables.some((t) => t.table === 'meters'),
  };
  const rel = path.join(internalProductDir, `utility_id=${plan.utility}`);
  mkdirSync(path.join(stage, rel), { recursive: true });
  writeFileSync(path.join(stage, rel, viewFactsFile), JSON.stringify(facts, null, 2) + '\n');
  return rel;
}

/** The facts of every utility of a set, by utility id. */
export function readViewFacts(setDir: string): ViewUtility[] {
  const dir = path.join(setDir, internalProductDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((e) => e.startsWith('utility_id=') && existsSync(path.join(dir, e, viewFactsFile)))
    .sort()
    .map((e) => JSON.parse(readFileSync(path.join(dir, e, viewFactsFile), 'utf8')) as ViewUtility);
}

/** The set folders of the view's inputs, relative to the set: those holding Parquet files. */
const INPUTS: Record<'intervals' | 'meters' | 'service_points' | 'meter_periods', string> = {
  intervals: 'standardized/intervals',
  meters: 'standardized/meters',
  service_points: 'standardized/service_points',
  meter_periods: `${meterPeriodsLayer}/${meterPeriodsName}`,
};

/**
 * The view's inputs present in a set, each as a FROM expression built by `scan` from its folder, and
 * the utilities whose internal Product was written (carried over from an older set, no facts).
 */
export function viewSources(setDir: string, scan: (rel: string) => string): ViewSources | undefined {
  const tables = ['intervals', 'meters', 'service_points', 'meter_periods'] as const;
  const present = tables.filter((k) => hasParquet(path.join(setDir, INPUTS[k])));
  if (!present.includes('intervals')) return undefined;
  const src: ViewSources = Object.fromEntries(present.map((k) => [k, scan(INPUTS[k])])) as unknown as ViewSources;
  const dir = path.join(setDir, internalProductDir);
  const written = readdirSync(dir)
    .filter((e) => e.startsWith('utility_id=') && !existsSync(path.join(dir, e, viewFactsFile)))
    .filter((e) => hasParquet(path.join(dir, e)))
    .sort();
  if (written.length) {
    const utility = (e: string) => e.slice('utility_id='.length);
    src.written = written.map((e) => ({ utility: utility(e), from: scan(path.join(internalProductDir, e)) }));
  }
  return src;
}

/** DuckDB's scan of a published folder (absolute or relative to the working folder / file_search_path). */
export function duckdbScan(dir: string): string {
  const files = sqlStringLiteral(path.posix.join(dir.split(path.sep).join('/'), '**', '*.parquet'));
  return `read_parquet(${files}, hive_partitioning = true, hive_types_autocast = false, union_by_name = true)`;
}

/** Spark's scan of a published folder under the set folder `${root}`. */
const sparkScan = (rel: string) => `parquet.\`\${root}/${rel}\``;

/** The DuckDB SELECT of the internal Product over a set (absolute paths), or undefined without one. */
export function internalProductSql(setDir: string): string | undefined {
  const facts = readViewFacts(setDir);
  const src = viewSources(setDir, (rel) => duckdbScan(path.join(setDir, rel)));
  return facts.length && src ? internalProductSelect(duckdbDialect, src, facts) : undefined;
}

/** The definition files of a set's internal Product (none when it has no intervals), by file name. */
export function viewDefinitions(setDir: string): Record<string, string> {
  const facts = readViewFacts(setDir);
  if (!facts.length) return {};
  const select = (d: Dialect, src: ViewSources) => internalProductSelect(d, src, facts);
  const file = (d: Dialect, scan: (rel: string) => string, head: string[]) => {
    const src = viewSources(setDir, scan);
    const create = src && `CREATE OR REPLACE TEMP VIEW ${internalProductView} AS\n${select(d, src)};`;
    return create && [...head, create, ''].join('\n');
  };
  const duck = file(duckdbDialect, duckdbScan, [
    `-- gridflow: the internal Product (${internalProductView}) over this set. Run it in DuckDB with this set`,
    `-- folder as the working folder (or SET file_search_path to it); needs the ICU extension (time zones).`,
  ]);
  const spark = file(sparkDialect, sparkScan, [
    `-- gridflow: the internal Product (${internalProductView}) over this set, for Spark / Databricks.`,
    `-- \${root} is this set folder: SET root=/path/to/set; first (Spark substitutes \${root}), or replace it.`,
    `-- The month column is computed in UTC sessions; Hive folder values are read as text.`,
    `SET spark.sql.session.timeZone = UTC;`,
    `SET spark.sql.sources.partitionColumnTypeInference.enabled = false;`,
  ]);
  const out: Record<string, string> = {};
  if (duck) out['view.duckdb.sql'] = duck;
  if (spark) out['view.spark.sql'] = spark;
  return out;
}

/**
 * Writes the definitions into the set's `product/usage_interval_internal/`
 * (after the carry-over, before the switch).
 */
export function writeViewDefinitions(setDir: string): string[] {
  const files = viewDefinitions(setDir);
  const dir = path.join(setDir, internalProductDir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return Object.keys(files);
}

function hasParquet(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? hasParquet(path.join(dir, e.name)) : e.name.endsWith('.parquet'),
  );
}

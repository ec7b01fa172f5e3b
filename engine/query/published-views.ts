import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engines/engine.ts';
import { duckdbScan, internalProductSql } from '../run/view-definitions.ts';
import { internalProductView, meterPeriodsLayer, meterPeriodsName } from '../stages/usage-interval-view-sql.ts';

/**
 * Where each view of an output set reads, by folder (relative to the set) and view name. Internal
 * outputs (full values, raw records) live under `internal/`; the others are what apps may read.
 */
const LAYERS: { dir: string; view: (table: string) => string }[] = [
  { dir: 'standardized', view: (t) => t },
  { dir: 'product', view: (t) => t },
  { dir: 'experience', view: (t) => t },
  { dir: 'dq', view: (t) => `dq_${t}` },
  { dir: path.join('internal', 'rejects'), view: (t) => `rejects_${t}` },
  { dir: path.join('internal', 'quarantine'), view: (t) => `quarantine_${t}` },
  { dir: path.join('internal', 'dq'), view: (t) => `dq_${t}_internal` },
];

/**
 * The outputs written only when they have rows (`internal/rejects/<table>`, `internal/quarantine/<table>`):
 * for a standardized table without any, an empty view of the same columns and types (as read from the
 * Parquet files: the Hive column `utility_id` last), so a query over `rejects_<table>` finds no rows.
 */
const ONLY_WHEN_ROWS: { view: (table: string) => string; columns: string }[] = [
  {
    view: (t) => `rejects_${t}`,
    columns: `"table" VARCHAR, source_file VARCHAR, source_line BIGINT, reason VARCHAR, record JSON, utility_id VARCHAR`,
  },
  {
    view: (t) => `quarantine_${t}`,
    columns:
      `"table" VARCHAR, rule VARCHAR, reason VARCHAR, source_file VARCHAR, source_line BIGINT, record VARCHAR, ` +
      `utility_id VARCHAR`,
  },
];

/** `SELECT CAST(NULL AS T) AS c, … WHERE false`: no rows, typed columns. */
function emptySelect(columns: string): string {
  const casts = columns.split(', ').map((c) => {
    const i = c.lastIndexOf(' ');
    return `CAST(NULL AS ${c.slice(i + 1)}) AS ${c.slice(0, i)}`;
  });
  return `SELECT ${casts.join(', ')} WHERE false`;
}

/**
 * Views over the published outputs of ONE output set, by table name: the standardized tables
 * (`service_points`, `meters`, `intervals`), the product tables (`usage_interval` = external
 * access level, written; `usage_interval_internal`, a view over the standardized tables and the
 * internal `meter_periods`), the experience tables (`usage_daily`, …), the
 * masked failure samples `dq_failures`, and the internal `rejects_<table>`, `quarantine_<table>`
 * and `dq_failures_internal` (an empty `rejects_<table>` / `quarantine_<table>` for a standardized table
 * without any). Hive folders give `utility_id` (and `month`) columns.
 */
export async function registerPublishedViews(engine: Engine, setDir: string): Promise<string[]> {
  const names: string[] = [];
  for (const layer of LAYERS) {
    const dir = path.resolve(setDir, layer.dir);
    if (!existsSync(dir)) continue;
    for (const table of readdirSync(dir).sort()) {
      if (!hasParquet(path.join(dir, table))) continue;
      const files = path.join(dir, table, '**', '*.parquet');
      const name = layer.view(table);
      await engine.run(
        `CREATE OR REPLACE VIEW "${name}" AS SELECT * FROM read_parquet('${files.replace(/'/g, "''")}', hive_partitioning = true, hive_types_autocast = false, union_by_name = true)`,
      );
      names.push(name);
    }
  }
  // The internal Product is a view over the standardized tables and the meter periods.
  const periods = path.resolve(setDir, meterPeriodsLayer, meterPeriodsName);
  if (existsSync(periods) && hasParquet(periods)) {
    await engine.run(`CREATE OR REPLACE VIEW "${meterPeriodsName}" AS SELECT * FROM ${duckdbScan(periods)}`);
    names.push(meterPeriodsName);
  }
  const internal = internalProductSql(path.resolve(setDir));
  if (internal) {
    await engine.run(`CREATE OR REPLACE VIEW "${internalProductView}" AS ${internal}`);
    if (!names.includes(internalProductView)) names.push(internalProductView);
  }
  const standardized = path.resolve(setDir, 'standardized');
  const tables = existsSync(standardized) ? readdirSync(standardized).sort() : [];
  for (const table of tables) {
    for (const kind of ONLY_WHEN_ROWS) {
      const name = kind.view(table);
      if (names.includes(name)) continue;
      await engine.run(`CREATE OR REPLACE VIEW "${name}" AS ${emptySelect(kind.columns)}`);
      names.push(name);
    }
  }
  return names;
}

function hasParquet(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? hasParquet(path.join(dir, e.name)) : e.name.endsWith('.parquet'),
  );
}

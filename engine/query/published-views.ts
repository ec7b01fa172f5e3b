import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engines/engine.ts';

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
 * Views over the published outputs of ONE output set, by table name: the standardized tables
 * (`service_points`, `meters`, `intervals`), the product tables (`usage_interval` = external
 * access level, `usage_interval_internal`), the experience tables (`usage_daily`, …), the
 * masked failure samples `dq_failures`, and the internal `rejects_<table>`, `quarantine_<table>`
 * and `dq_failures_internal`. Hive folders give `utility_id` (and `month`) columns.
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
  return names;
}

function hasParquet(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? hasParquet(path.join(dir, e.name)) : e.name.endsWith('.parquet'),
  );
}

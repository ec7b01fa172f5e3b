import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engines/engine.ts';

/**
 * Views over the published outputs of an output folder, by table name: the standardized tables
 * (`service_points`, `meters`, `intervals`), `rejects_<table>`, the product tables
 * (`usage_interval` = external access level, `usage_interval_internal`) and experience tables
 * (`usage_daily`, …). Hive folders give `utility_id` (and `month`) columns.
 */
export async function registerPublishedViews(engine: Engine, outDir: string): Promise<string[]> {
  const names: string[] = [];
  for (const layer of ['standardized', 'rejects', 'product', 'experience']) {
    const dir = path.join(outDir, layer);
    if (!existsSync(dir)) continue;
    for (const table of readdirSync(dir).sort()) {
      if (!hasParquet(path.join(dir, table))) continue;
      const files = path.join(dir, table, '**', '*.parquet');
      const name = layer === 'rejects' ? `rejects_${table}` : table;
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

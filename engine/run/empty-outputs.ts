import { readdirSync, rmSync, rmdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Outputs that exist only when they have rows: a run that rejects or quarantines nothing publishes
 * no `internal/rejects/<table>` or `internal/quarantine/<table>` folder (the query views of such a
 * table are empty ones, see query/published-views.ts), and no `internal/meter_periods` for a utility
 * without installation periods (layer `internal`).
 */
export const ONLY_WHEN_ROWS: ReadonlySet<string> = new Set(['internal/rejects', 'internal/quarantine', 'internal']);

/**
 * Removes the staged folder of a write that wrote no file (DuckDB's COPY … PARTITION_BY of zero rows
 * still creates it), and its layer folder when that is left empty. Returns whether it was removed.
 */
export function removeIfNoFiles(stage: string, layer: string, table: string): boolean {
  const dir = path.join(stage, layer, table);
  if (hasFile(dir)) return false;
  rmSync(dir, { recursive: true, force: true });
  const layerDir = path.join(stage, layer);
  if (readdirSync(layerDir).length === 0) rmdirSync(layerDir);
  return true;
}

/**
 * Removes a partition folder made for a write that put no file in it (a write of no rows), and its
 * parents up to the table's folder `tableDir` (kept) while they are empty: PARTITION_BY leaves none.
 */
export function removeEmptyPartitionFolder(folder: string, tableDir: string): void {
  const inside = (f: string) => f.startsWith(tableDir + path.sep);
  for (let f = folder; inside(f) && readdirSync(f).length === 0; f = path.dirname(f)) rmdirSync(f);
}

function hasFile(dir: string): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((e) => (e.isDirectory() ? hasFile(path.join(dir, e.name)) : true));
}

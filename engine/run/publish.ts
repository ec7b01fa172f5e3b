import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Atomic-per-folder publishing. A run writes everything under `<out>/.staging-<id>/<layer>/<table>/utility_id=U/`.
 * Only when the whole run succeeded does `publish` swap each `<layer>/<table>/utility_id=U` folder into
 * `<out>` with renames (old folder moved aside first, then removed). A failed run deletes its staging
 * folder and leaves the published outputs as they were. A utility whose staged table has no rows gets
 * its old folder removed, so outputs always reflect the latest run of that utility.
 */
export interface PublishTarget {
  layer: string;
  table: string;
}

export function stagingDir(outDir: string, runId: string): string {
  return path.join(outDir, `.staging-${runId}`);
}

export function publish(outDir: string, stageDir: string, utilities: string[], targets: Iterable<PublishTarget>): string[] {
  const published: string[] = [];
  const trash = path.join(stageDir, '.replaced');
  for (const { layer, table } of targets) {
    for (const u of utilities) {
      const part = `utility_id=${u}`;
      const from = path.join(stageDir, layer, table, part);
      const to = path.join(outDir, layer, table, part);
      mkdirSync(path.dirname(to), { recursive: true });
      if (existsSync(to)) {
        const aside = path.join(trash, layer, table, part);
        mkdirSync(path.dirname(aside), { recursive: true });
        renameSync(to, aside);
      }
      if (existsSync(from)) {
        renameSync(from, to);
        published.push(path.join(layer, table, part));
      }
    }
  }
  rmSync(stageDir, { recursive: true, force: true });
  return published;
}

export function discardStaging(stageDir: string): void {
  rmSync(stageDir, { recursive: true, force: true });
}

/** Staging folders of runs that died (killed process); removed at the start of the next run. */
export function removeStaleStaging(outDir: string): void {
  if (!existsSync(outDir)) return;
  for (const e of readdirSync(outDir)) if (e.startsWith('.staging-')) rmSync(path.join(outDir, e), { recursive: true, force: true });
}

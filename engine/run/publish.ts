import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { faultPoint } from './fault.ts';
import { writeViewDefinitions } from './view-definitions.ts';
import { carryOver, completeSet, currentSetDir, pruneVersions, switchCurrent, VERSIONS } from './output-set.ts';

/**
 * Publishing a staged run as a new output set (see output-set.ts): carry over the other utilities'
 * folders from the current set, complete the set, switch `current` to it — the one step that makes it
 * visible — then prune old sets. Before the switch any failure removes the new set and leaves the
 * current one as it was; after it, the run is published and a failure to prune is only a warning.
 */
export interface PublishTarget {
  layer: string;
  table: string;
}

export interface Published {
  /** `<layer>/<table>/utility_id=U` folders written by this run. */
  folders: string[];
  /** The new set, relative to the output folder (`versions/<run>`). */
  set: string;
}

export function publish(
  outDir: string,
  stage: string,
  runId: string,
  utilities: string[],
  targets: Iterable<PublishTarget>,
  opts: { keepVersions: number; warn: (d: Diagnostic) => void },
): Published {
  rmSync(path.join(stage, '.spill'), { recursive: true, force: true });
  const folders = [...targets].flatMap(({ layer, table }) =>
    utilities.map((u) => path.join(layer, table, `utility_id=${u}`)).filter((f) => existsSync(path.join(stage, f))),
  );
  let dir = stage;
  try {
    faultPoint('staged');
    const previous = currentSetDir(outDir);
    if (previous) carryOver(previous, stage, new Set(utilities), () => faultPoint('carry'));
    faultPoint('carried');
    // The internal Product's view covers the whole set, carried-over utilities included.
    writeViewDefinitions(stage);
    dir = completeSet(outDir, stage, runId);
    faultPoint('completed');
    switchCurrent(outDir, dir, () => faultPoint('linked'));
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const set = path.join(VERSIONS, path.basename(dir));
  afterSwitch(runId, 'pruning old versions', opts.warn, () => {
    faultPoint('switched');
    pruneVersions(outDir, opts.keepVersions);
    faultPoint('pruned');
  });
  return { folders, set };
}

/** Runs a step that follows the switch: the run is published whatever happens, so failures are warnings. */
export function afterSwitch(run: string, step: string, warn: (d: Diagnostic) => void, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    warn(diag('publish-cleanup-failed', { run, step, detail: (e as Error).message.split('\n')[0] }));
  }
}

export function discardStaging(stage: string): void {
  rmSync(stage, { recursive: true, force: true });
}

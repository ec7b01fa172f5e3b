import { existsSync } from 'node:fs';

/**
 * Test hook, not a user setting: `GRIDFLOW_FAULT=publish:<step>:kill|error|pause` stops a run at one step
 * of the publish, so the fault-injection test can check that readers see the complete old set or the
 * complete new one whatever instant the process dies at. `kill` sends SIGKILL to the process itself,
 * `error` throws, `pause` prints `gridflow: paused at publish:<step>` to stderr and waits until the file
 * named by `GRIDFLOW_FAULT_RESUME` exists. The steps, in order (each fires once it has happened):
 */
export const PUBLISH_STEPS = [
  'locked', // the --out lock is held, interrupted publishes recovered
  'staged', // every output of the run is written into versions/.incomplete-<run>
  'carry', // the first folder of a utility this run does not cover is carried over (mid carry-over)
  'carried', // every such folder is carried over
  'completed', // the set is renamed to versions/<run> (complete, not yet current)
  'linked', // the new pointer .current-<run> exists beside current
  'switched', // current -> versions/<run>: the new set is published
  'pruned', // old versions beyond --keep-versions are removed
  'history', // the data-quality history is appended
  'recorded', // _runs/<run>.json is written
] as const;
export type PublishStep = (typeof PUBLISH_STEPS)[number];

export function faultPoint(step: PublishStep): void {
  const [area, at, what] = (process.env.GRIDFLOW_FAULT ?? '').split(':');
  if (area !== 'publish' || at !== step) return;
  if (what === 'kill') {
    process.kill(process.pid, 'SIGKILL');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000); // nothing runs after the kill
  }
  if (what === 'error') throw new Error(`fault injected at publish step '${step}' (GRIDFLOW_FAULT)`);
  if (what === 'pause') pauseUntil(process.env.GRIDFLOW_FAULT_RESUME, step);
}

function pauseUntil(file: string | undefined, step: string): void {
  process.stderr.write(`gridflow: paused at publish:${step}\n`);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (!file || !existsSync(file)) Atomics.wait(cell, 0, 0, 50);
}

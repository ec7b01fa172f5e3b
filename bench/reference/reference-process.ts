import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { ReferenceOptions, ReferenceRun } from './run-reference.ts';

/**
 * Runs the reference pipeline in a process of its own (through the repo's TypeScript runner), so
 * that its peak RSS is not mixed with gridflow's, and reads back the JSON line it prints.
 */
export function runReferenceProcess(o: ReferenceOptions): ReferenceRun {
  const root = path.resolve(import.meta.dirname, '../..');
  const script = path.join(root, 'bench/reference/run-reference.ts');
  const r = spawnSync(process.execPath, [path.join(root, 'bin/run-ts.js'), script, JSON.stringify(o)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`the reference pipeline failed (exit ${r.status ?? r.signal})`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ReferenceRun;
}

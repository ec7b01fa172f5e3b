import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Start-up time of the `gridflow` command: the wall time of `node bin/gridflow.js --help` (the
 * compiled CLI in dist/, built by `npm run build`), median and fastest of N runs, beside bare
 * `node -e 0` on the same machine (Node's own start, which no CLI can go below).
 *
 *   npm run bench:cli [-- --runs 15]
 */
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const root = path.resolve(import.meta.dirname, '..');

function time(args: string[]): { median: number; min: number } {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    seconds.push((performance.now() - t) / 1000);
  }
  seconds.sort((a, b) => a - b);
  return { median: seconds[Math.floor(runs / 2)], min: seconds[0] };
}

const node = time(['-e', '0']);
const help = time(['bin/gridflow.js', '--help']);
const fmt = (x: { median: number; min: number }) => `median ${x.median.toFixed(3)} s, fastest ${x.min.toFixed(3)} s`;
console.log(`node -e 0                 ${fmt(node)}`);
console.log(`gridflow --help           ${fmt(help)}  (target < 0.3 s)`);
console.log(`gridflow --help − node    ${(help.median - node.median).toFixed(3)} s (median)`);

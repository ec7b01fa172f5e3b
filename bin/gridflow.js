#!/usr/bin/env node
// Entry point of the `gridflow` command: runs the compiled CLI in dist/ (built by `npm run build`,
// which `npm ci` and `npm pack` run through the `prepare` script).
// `gridflow … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import('../dist/cli/main.js').catch((e) => {
  if (e.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist')) throw e;
  process.stderr.write('gridflow: the compiled CLI is missing (dist/); run `npm run build` in the gridflow folder\n');
  process.exit(1);
});
process.exitCode = await main(process.argv);

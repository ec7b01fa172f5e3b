#!/usr/bin/env node
// Entry point of the `gridflow` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';
register();
// `gridflow … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import('../engine/cli/main.ts');
process.exitCode = await main(process.argv);

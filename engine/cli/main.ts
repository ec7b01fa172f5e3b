import { Command, CommanderError } from 'commander';
import { DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { formatDiagnostics } from '../diagnostics/format.ts';
import type { Io } from './io.ts';
import { processIo } from './terminal-io.ts';
import { validateCommand } from './commands/validate.ts';
import { compileCommand } from './commands/compile.ts';
import { runCommand } from './commands/run.ts';
import { queryCommands } from './commands/query.ts';
import { dqCommand } from './commands/dq.ts';
import { reportCommand } from './commands/report.ts';
import { initCommand } from './commands/init.ts';
import { DqFailure } from '../run/run-plans.ts';
import { formatReport } from '../dq/report.ts';

export type { Io } from './io.ts';

const stdio: Io = processIo();

/** The `gridflow` command. Exit codes: 0 success, 1 data or mapping errors, 2 usage errors. */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let code = 0;
  const setCode = (c: number) => void (code = Math.max(code, c));
  const program = new Command('gridflow')
    .description('Standardize electric-utility data files into the gridflow common model.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  initCommand(program, io);
  validateCommand(program, io, setCode);
  compileCommand(program, io);
  runCommand(program, io, setCode);
  queryCommands(program, io, setCode);
  dqCommand(program, io, setCode);
  reportCommand(program, io);
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    return reportError(e, io);
  }
}

function reportError(e: unknown, io: Io): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  if (e instanceof DiagnosticError) {
    io.err(formatDiagnostics(e.diagnostics));
    return e.exitCode === 2 || e.diagnostics.some((d: Diagnostic) => d.code === 'usage') ? 2 : 1;
  }
  if (e instanceof DqFailure) {
    io.out(formatReport(e.report));
    io.err(formatDiagnostics([diag('dq-failed', { rules: e.rules.join(', ') })]));
    return 1;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.err(formatDiagnostics([diag('run-failed', { detail: message.split('\n').filter(Boolean).slice(0, 2).join(' — ') })]));
  if (process.env.GRIDFLOW_DEBUG && e instanceof Error) io.err(e.stack ?? '');
  return 1;
}

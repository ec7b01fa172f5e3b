import { Command, CommanderError } from 'commander';
import { DiagnosticError, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { formatDiagnostics } from '../diagnostics/format.ts';
import { readMapping } from '../read/read-mapping.ts';
import type { Plan } from '../plan/types.ts';
import { compilePlan } from '../compile/compile-plan.ts';
import { duckdbDialect } from '../sql/duckdb-dialect.ts';
import { runPlans } from '../run/run-plans.ts';
import { formatAccounts } from './report.ts';
import { dialects } from '../sql/dialects.ts';

/** Exit codes: 0 success, 1 data or mapping errors, 2 usage errors. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = { out: (s) => void process.stdout.write(s + '\n'), err: (s) => void process.stderr.write(s + '\n') };

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const program = new Command('gridflow')
    .description('Standardize electric-utility data files into the gridflow common model.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  let code = 0;

  program
    .command('validate')
    .description('check mappings: schema, source files and headers, columns, expressions, joins')
    .argument('<mapping...>', 'mapping YAML files')
    .action((files: string[]) => {
      for (const f of files) {
        const { diagnostics } = readMapping(f);
        if (diagnostics.length) io.err(formatDiagnostics(diagnostics));
        if (hasErrors(diagnostics)) code = 1;
        else io.out(`${f}: ok`);
      }
    });

  program
    .command('compile')
    .description('print the resolved plan (JSON) and the SQL that a run executes')
    .requiredOption('-m, --mapping <file>', 'mapping YAML file')
    .option('--dialect <name>', `SQL dialect: ${Object.keys(dialects).join(', ')}`, 'duckdb')
    .option('--plan-only', 'print only the plan')
    .option('--sql-only', 'print only the SQL')
    .action((o: { mapping: string; dialect: string; planOnly?: boolean; sqlOnly?: boolean }) => {
      const d = dialects[o.dialect];
      if (!d) throw new DiagnosticError([diag('usage', { detail: `unknown dialect '${o.dialect}'` }, { hint: `use one of ${Object.keys(dialects).join(', ')}` })]);
      const plan = planOrThrow(o.mapping, io);
      if (!o.sqlOnly) io.out(JSON.stringify(plan, null, 2));
      if (!o.planOnly) {
        const c = compilePlan(plan, d, { stageDir: '<out>/.staging-<run>' });
        for (const s of c.statements) io.out(`\n-- ${s.name}: ${s.label}${s.when ? ` (only when ${s.when} > 0)` : ''}\n${s.sql};`);
        for (const w of c.writes) io.out(`\n-- ${w.table}.write\n${w.sql};\n\n-- ${w.table}.write-rejects\n${w.rejectsSql};`);
      }
    });

  program
    .command('run')
    .description('standardize the sources of one or more mappings and publish Parquet outputs')
    .requiredOption('-m, --mapping <file...>', 'mapping YAML file(s)')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('--memory-limit <size>', 'engine memory ceiling, e.g. 1GB (spills to disk beyond)', '1GB')
    .option('--threads <n>', 'engine threads (default: all cores)')
    .option('-q, --quiet', 'no progress lines')
    .action(async (o: { mapping: string[]; out: string; memoryLimit: string; threads?: string; quiet?: boolean }) => {
      const plans = o.mapping.map((m) => planOrThrow(m, io));
      const result = await runPlans(plans, {
        outDir: o.out,
        engine: { memoryLimit: o.memoryLimit, threads: o.threads ? Number(o.threads) : undefined },
        progress: o.quiet ? undefined : (l) => io.err(l),
      });
      io.out(formatAccounts(result.accounts));
      io.out(`published ${result.published.length} folder(s) to ${o.out}/ in ${result.seconds.toFixed(1)} s (run ${result.runId})`);
    });

  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    return reportError(e, io);
  }
}

function planOrThrow(file: string, io: { err: (s: string) => void }): Plan {
  const { plan, diagnostics } = readMapping(file);
  const warnings = diagnostics.filter((d) => d.severity !== 'error');
  if (warnings.length) io.err(formatDiagnostics(warnings));
  if (!plan) throw new DiagnosticError(diagnostics.filter((d) => d.severity === 'error'));
  return plan;
}

function reportError(e: unknown, io: { err: (s: string) => void }): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  if (e instanceof DiagnosticError) {
    io.err(formatDiagnostics(e.diagnostics));
    return e.diagnostics.some((d: Diagnostic) => d.code === 'usage') ? 2 : 1;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.err(formatDiagnostics([diag('run-failed', { detail: message.split('\n').filter(Boolean).slice(0, 2).join(' — ') })]));
  if (process.env.GRIDFLOW_DEBUG && e instanceof Error) io.err(e.stack ?? '');
  return 1;
}

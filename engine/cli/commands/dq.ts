import type { Command } from 'commander';
import { DiagnosticError } from '../../diagnostics/diagnostic.ts';
import { DEFAULT_RULES, readRules } from '../../read/read-rules.ts';
import { combineRules, type RuleSet } from '../../plan/rules.ts';
import { formatReport, buildReport, type DqReport } from '../../dq/report.ts';
import { appendHistory, historyFile, loadPrevious } from '../../dq/history.ts';
import { checkPublished } from '../../dq/published-checks.ts';
import { openDuckDb } from '../../engines/duckdb-engine.ts';
import { registerPublishedViews } from '../../query/published-views.ts';
import { planOrThrow, usageError, type Io } from '../io.ts';
import { publishedSet } from '../published-set.ts';
import { diag } from '../../diagnostics/catalog.ts';
import { formatDiagnostics } from '../../diagnostics/format.ts';

/** Reads the rules file named by --rules (default: the shipped dq/rules.yaml); `--no-rules` → none. */
export function loadRuleSet(option: string | false): RuleSet {
  if (option === false) return { rules: [], spikeFactor: 2 };
  const { ruleSet, diagnostics } = readRules(option);
  if (!ruleSet) throw new DiagnosticError(diagnostics, 2);
  return ruleSet;
}

export function parseRunDate(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const d = new Date(/T/.test(text) ? text : `${text}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw usageError(`'${text}' is not a date`, 'use YYYY-MM-DD or an ISO timestamp');
  return d;
}

/** Exit code of a report: 1 on any error, or on warnings with --warn-error; else 0. */
export function dqExitCode(report: DqReport, warnError: boolean): number {
  return report.summary.error > 0 || (warnError && report.summary.warn > 0) ? 1 : 0;
}

export function dqCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('dq')
    .description('check the published tables with the data-quality rules and print the snapshot')
    .option('-o, --out <dir>', 'output folder of a run', 'out')
    .option('--rules <file>', 'rules file', DEFAULT_RULES)
    .option('--no-rules', 'no rules file (only the rules of --mapping)')
    .option('-m, --mapping <file...>', 'also check the rules declared in these mappings')
    .option('--run-date <date>', 'the date relative bounds and freshness are measured from (default: now)')
    .option('--json', 'print the results as JSON')
    .option('--warn-error', 'exit 1 on warnings too')
    .action(async (o: { out: string; rules: string | false; mapping?: string[]; runDate?: string; json?: boolean; warnError?: boolean }) => {
      const ruleSet = loadRuleSet(o.rules);
      const rules = combineRules(ruleSet.rules, (o.mapping ?? []).map((m) => planOrThrow(m, io)));
      const runDate = parseRunDate(o.runDate);
      const set = publishedSet(o.out);
      const engine = await openDuckDb({ threads: 2 });
      try {
        const views = await registerPublishedViews(engine, set);
        const { results, rowCounts } = await checkPublished(engine, views, rules, runDate, { spikeFactor: ruleSet.spikeFactor, previous: loadPrevious(o.out) });
        const runId = `dq-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        const report = buildReport(runId, runDate, rowCounts, results);
        try {
          appendHistory(o.out, runId, runDate, results);
        } catch (e) {
          // A read-only output folder is still checked and reported; only its history stays as it was.
          const detail = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
          io.err(formatDiagnostics([diag('history-not-written', { file: historyFile(o.out), detail })]));
        }
        io.out(o.json ? JSON.stringify(report, null, 2) : formatReport(report));
        setCode(dqExitCode(report, o.warnError ?? false));
      } finally {
        engine.close();
      }
    });
}

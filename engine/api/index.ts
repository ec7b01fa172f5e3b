/**
 * The package API (`import { readMapping, run } from 'gridflow'`): the two halves of the engine as
 * functions. `readMapping` reads and checks a mapping into a plan; `run` standardizes one or more
 * mappings (files or plans) into an output folder, as `gridflow run` does, with the shipped
 * data-quality rules unless others are given.
 */
import { DiagnosticError } from '../diagnostics/diagnostic.ts';
import { readMapping } from '../read/read-mapping.ts';
import { DEFAULT_RULES, readRules } from '../read/read-rules.ts';
import { runPlans, type RunOptions, type RunResult } from '../run/run-plans.ts';
import type { Plan } from '../plan/types.ts';
import type { RuleSet } from '../plan/rules.ts';

export { readMapping, readRules, runPlans, DEFAULT_RULES, DiagnosticError };
export { DqFailure } from '../run/run-plans.ts';
export { formatDiagnostics } from '../diagnostics/format.ts';
export { formatReport } from '../dq/report.ts';
export type { Plan, RuleSet, RunOptions, RunResult };
export type { Diagnostic, Severity } from '../diagnostics/diagnostic.ts';
export type { DqReport } from '../dq/report.ts';
export type { TableAccount, StageAccount } from '../run/accounting.ts';

export interface RunApiOptions extends Omit<RunOptions, 'outDir' | 'rules'> {
  /** Output folder (default `out`). */
  outDir?: string;
  /** A rules file, a rule set read with `readRules`, or `false` for none (default: the shipped rules). */
  rules?: string | RuleSet | false;
}

/**
 * Runs mappings (file paths or plans from `readMapping`). Throws a `DiagnosticError` when a mapping
 * or the rules file has errors (nothing runs then), and a `DqFailure` when a rule with action
 * `fail` fails (nothing is published then).
 */
export async function run(mappings: (string | Plan)[], opts: RunApiOptions = {}): Promise<RunResult> {
  const plans = mappings.map((m) => (typeof m === 'string' ? planOf(m) : m));
  return runPlans(plans, { ...opts, outDir: opts.outDir ?? 'out', rules: ruleSetOf(opts.rules ?? DEFAULT_RULES) });
}

function planOf(file: string): Plan {
  const { plan, diagnostics } = readMapping(file);
  if (!plan) throw new DiagnosticError(diagnostics.filter((d) => d.severity === 'error'));
  return plan;
}

function ruleSetOf(rules: string | RuleSet | false): RuleSet {
  if (rules === false) return { rules: [], spikeFactor: 2 };
  if (typeof rules !== 'string') return rules;
  const { ruleSet, diagnostics } = readRules(rules);
  if (!ruleSet) throw new DiagnosticError(diagnostics, 2);
  return ruleSet;
}

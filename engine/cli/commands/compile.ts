import type { Command } from 'commander';
import { compilePlan } from '../../compile/compile-plan.ts';
import { dialects } from '../../sql/dialects.ts';
import type { Bucket } from '../../stages/usage-bucket-sql.ts';
import { oneOf, planOrThrow, usageError, type Io } from '../io.ts';
import { DEFAULT_RULES } from '../../read/read-rules.ts';
import { combineRules } from '../../plan/rules.ts';
import { diag } from '../../diagnostics/catalog.ts';
import { DiagnosticError } from '../../diagnostics/diagnostic.ts';
import { loadRuleSet } from './dq.ts';
import { emitDatabricksJob } from './compile-emit.ts';

interface CompileOptions {
  mapping: string;
  dialect: string;
  bucket: string;
  planOnly?: boolean;
  sqlOnly?: boolean;
  emit?: string;
  rules: string | false;
}

export function compileCommand(program: Command, io: Io): void {
  program
    .command('compile')
    .description('print the resolved plan (JSON) and the SQL that a run executes')
    .requiredOption('-m, --mapping <file>', 'mapping YAML file')
    .option('--dialect <name>', `SQL dialect: ${Object.keys(dialects).join(', ')}`, 'duckdb')
    .option('--bucket <bucket>', 'experience bucket: hour, day or month', 'day')
    .option('--plan-only', 'print only the plan')
    .option('--sql-only', 'print only the SQL')
    .option('--emit <dir>', 'write a deployable Databricks job into <dir> (with --dialect databricks)')
    .option('--rules <file>', 'rules file (with --emit: fail/quarantine rules as expectations)', DEFAULT_RULES)
    .option('--no-rules', 'no rules file (only the rules inside the mapping)')
    .action((o: CompileOptions) => {
      const d = dialects[oneOf(o.dialect, Object.keys(dialects), 'dialect')];
      const bucket = oneOf<Bucket>(o.bucket, ['hour', 'day', 'month'], 'bucket');
      if (o.emit !== undefined) return emit(o, bucket, io);
      const plan = planOrThrow(o.mapping, io);
      if (!o.sqlOnly) io.out(JSON.stringify(plan, null, 2));
      if (o.planOnly) return;
      // The key's blocks are shown as placeholders: printed SQL never holds the secret.
      const pseudonym = { ipad: '<key-ipad-hex>', opad: '<key-opad-hex>' };
      const c = compilePlan(plan, d, { stageDir: '<out>/versions/.incomplete-<run>', bucket, pseudonym });
      for (const s of [...c.statements, ...c.stageStatements]) {
        const when = s.when ? ` (only when n > 0 in: ${s.when})` : '';
        io.out(`\n-- ${s.name}: ${s.label}${when}\n${s.sql};`);
      }
      for (const w of c.writes) io.out(`\n-- write ${w.layer}/${w.table}\n${w.sql};`);
    });
}

/** `--emit DIR`: the Databricks job of the mapping, written into DIR; prints what was written. */
function emit(o: CompileOptions, bucket: Bucket, io: Io): void {
  if (o.dialect !== 'databricks') {
    const spark = 'open-source Spark: gridflow run --engine spark';
    const local = o.dialect === 'duckdb' ? 'DuckDB runs locally: use gridflow run' : spark;
    const hint = `add --dialect databricks; ${local}`;
    throw new DiagnosticError([diag('emit-dialect', { dialect: o.dialect }, { hint })]);
  }
  if (o.planOnly || o.sqlOnly) throw usageError('--emit writes files: it takes no --plan-only or --sql-only');
  const plan = planOrThrow(o.mapping, io);
  const rules = combineRules(loadRuleSet(o.rules).rules, [plan]);
  const files = emitDatabricksJob(o.emit!, plan, rules, bucket);
  io.out(`wrote the Databricks job of ${plan.utility} into ${o.emit}: ${files.length} files (see its README.md)`);
}

import type { Command } from 'commander';
import { compilePlan } from '../../compile/compile-plan.ts';
import { dialects } from '../../sql/dialects.ts';
import type { Bucket } from '../../stages/usage-bucket-sql.ts';
import { oneOf, planOrThrow, type Io } from '../io.ts';

export function compileCommand(program: Command, io: Io): void {
  program
    .command('compile')
    .description('print the resolved plan (JSON) and the SQL that a run executes')
    .requiredOption('-m, --mapping <file>', 'mapping YAML file')
    .option('--dialect <name>', `SQL dialect: ${Object.keys(dialects).join(', ')}`, 'duckdb')
    .option('--bucket <bucket>', 'experience bucket: hour, day or month', 'day')
    .option('--plan-only', 'print only the plan')
    .option('--sql-only', 'print only the SQL')
    .action((o: { mapping: string; dialect: string; bucket: string; planOnly?: boolean; sqlOnly?: boolean }) => {
      const d = dialects[oneOf(o.dialect, Object.keys(dialects), 'dialect')];
      const bucket = oneOf<Bucket>(o.bucket, ['hour', 'day', 'month'], 'bucket');
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

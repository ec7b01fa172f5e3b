import type { Command } from 'commander';
import { runPlans } from '../../run/run-plans.ts';
import type { Bucket } from '../../stages/usage-bucket-sql.ts';
import { oneOf, planOrThrow, type Io } from '../io.ts';
import { checkMemoryLimit } from '../memory-limit.ts';
import { readPseudonymKey } from '../../util/pseudonym-key.ts';
import { formatAccounts, formatStages } from '../report.ts';
import { DEFAULT_RULES } from '../../read/read-rules.ts';
import { formatReport } from '../../dq/report.ts';
import { dqExitCode, loadRuleSet, parseRunDate } from './dq.ts';

export function runCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('run')
    .description('standardize the sources of one or more mappings, build the stages and publish Parquet')
    .requiredOption('-m, --mapping <file...>', 'mapping YAML file(s)')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('--bucket <bucket>', 'experience bucket: hour, day or month', 'day')
    .option('--memory-limit <size>', 'engine memory ceiling (spills to disk beyond), at least 100MB per engine thread; with the process around it, peak RSS stays near twice this', '700MB')
    .option('--threads <n>', 'engine threads (default: all cores)')
    .option('--rules <file>', 'data-quality rules file', DEFAULT_RULES)
    .option('--no-rules', 'no rules file (only the rules inside the mappings)')
    .option('--run-date <date>', 'the date relative bounds and freshness are measured from (default: now)')
    .option('--warn-error', 'exit 1 when a data-quality rule warns')
    .option('--json', 'print the row accounting and data-quality results as JSON')
    .option('--pseudonym-key-file <file>', 'secret of the external level\'s pseudonyms (default: the GRIDFLOW_PSEUDONYM_KEY variable)')
    .option('-q, --quiet', 'no progress lines')
    .action(async (o: { mapping: string[]; out: string; bucket: string; memoryLimit: string; threads?: string; quiet?: boolean; rules: string | false; runDate?: string; warnError?: boolean; json?: boolean; pseudonymKeyFile?: string }) => {
      const bucket = oneOf<Bucket>(o.bucket, ['hour', 'day', 'month'], 'bucket');
      checkMemoryLimit(o.memoryLimit, o.threads ? Number(o.threads) : undefined);
      const rules = loadRuleSet(o.rules);
      const runDate = parseRunDate(o.runDate);
      const plans = o.mapping.map((m) => planOrThrow(m, io));
      const result = await runPlans(plans, {
        outDir: o.out,
        bucket,
        rules,
        runDate,
        engine: { memoryLimit: o.memoryLimit, threads: o.threads ? Number(o.threads) : undefined },
        pseudonymKey: readPseudonymKey(o.pseudonymKeyFile),
        progress: o.quiet ? undefined : (l) => io.err(l),
      });
      setCode(dqExitCode(result.dq, o.warnError ?? false));
      if (o.json) return io.out(JSON.stringify({ runId: result.runId, accounts: result.accounts, stages: result.stages, dq: result.dq, published: result.published }, null, 2));
      io.out(formatAccounts(result.accounts));
      if (result.stages.length) io.out(formatStages(result.stages));
      io.out('\n' + formatReport(result.dq) + '\n');
      io.out(`published ${result.published.length} folder(s) to ${o.out}/ in ${result.seconds.toFixed(1)} s (run ${result.runId})`);
    });
}

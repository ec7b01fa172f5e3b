import type { Command } from 'commander';
import { runPlans } from '../../run/run-plans.ts';
import type { Bucket } from '../../stages/usage-bucket-sql.ts';
import { oneOf, planOrThrow, type Io } from '../io.ts';
import { formatAccounts, formatStages } from '../report.ts';

export function runCommand(program: Command, io: Io): void {
  program
    .command('run')
    .description('standardize the sources of one or more mappings, build the stages and publish Parquet')
    .requiredOption('-m, --mapping <file...>', 'mapping YAML file(s)')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('--bucket <bucket>', 'experience bucket: hour, day or month', 'day')
    .option('--memory-limit <size>', 'engine memory ceiling, e.g. 1GB (spills to disk beyond)', '1GB')
    .option('--threads <n>', 'engine threads (default: all cores)')
    .option('-q, --quiet', 'no progress lines')
    .action(async (o: { mapping: string[]; out: string; bucket: string; memoryLimit: string; threads?: string; quiet?: boolean }) => {
      const bucket = oneOf<Bucket>(o.bucket, ['hour', 'day', 'month'], 'bucket');
      const plans = o.mapping.map((m) => planOrThrow(m, io));
      const result = await runPlans(plans, {
        outDir: o.out,
        bucket,
        engine: { memoryLimit: o.memoryLimit, threads: o.threads ? Number(o.threads) : undefined },
        progress: o.quiet ? undefined : (l) => io.err(l),
      });
      io.out(formatAccounts(result.accounts));
      if (result.stages.length) io.out(formatStages(result.stages));
      io.out(`published ${result.published.length} folder(s) to ${o.out}/ in ${result.seconds.toFixed(1)} s (run ${result.runId})`);
    });
}

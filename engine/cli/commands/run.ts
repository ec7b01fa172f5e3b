import type { Command } from 'commander';
import { CoverageFailure, runPlans } from '../../run/run-plans.ts';
import type { Bucket } from '../../stages/usage-bucket-sql.ts';
import { oneOf, planOrThrow, usageError, type Io } from '../io.ts';
import { checkMemoryLimit } from '../memory-limit.ts';
import type { Plan } from '../../plan/types.ts';
import { readPseudonymKey } from '../../util/pseudonym-key.ts';
import { formatAccounts, formatStages } from '../report.ts';
import { DEFAULT_RULES } from '../../read/read-rules.ts';
import { formatReport } from '../../dq/report.ts';
import { ENGINE_KINDS, type EngineKind } from '../../engines/open-engine.ts';
import { dqExitCode, loadRuleSet, parseRunDate } from './dq.ts';
import { describeInputs } from '../../report/inputs.ts';
import { extendRunRecord } from '../../report/run-record.ts';
import { writeReport } from '../../report/write-report.ts';
import { displayPath } from '../../util/display-path.ts';
import { diag } from '../../diagnostics/catalog.ts';
import { formatDiagnostics } from '../../diagnostics/format.ts';
import path from 'node:path';

interface RunFlags {
  mapping: string[];
  out: string;
  bucket: string;
  memoryLimit: string;
  threads?: string;
  engine: string;
  master: string;
  quiet?: boolean;
  rules: string | false;
  runDate?: string;
  warnError?: boolean;
  json?: boolean;
  wait: string;
  keepVersions: string;
  report: boolean;
  pseudonymKeyFile?: string;
}

function count(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw usageError(`${flag} must be a whole number ≥ 0, not '${text}'`);
  }
  return n;
}

export function runCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('run')
    .description('standardize the sources of one or more mappings, build the stages and publish Parquet')
    .requiredOption('-m, --mapping <file...>', 'mapping YAML file(s)')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('--bucket <bucket>', 'experience bucket: hour, day or month', 'day')
    .option(
      '--memory-limit <size>',
      'engine memory ceiling (spills to disk beyond), at least 100MB per engine thread; ' +
        'with the process around it, peak RSS stays near twice this',
      '700MB',
    )
    .option('--engine <engine>', `engine: ${ENGINE_KINDS.join(' or ')}`, 'duckdb')
    .option('--master <url>', 'Spark master: local[N], spark://host:port, yarn, k8s://… (with --engine spark)', 'local[*]')
    .option('--threads <n>', 'engine threads (default: all cores)')
    .option('--rules <file>', 'data-quality rules file', DEFAULT_RULES)
    .option('--no-rules', 'no rules file (only the rules inside the mappings)')
    .option('--run-date <date>', 'the date relative bounds and freshness are measured from (default: now)')
    .option('--warn-error', 'exit 1 when a data-quality rule warns')
    .option('--json', 'print the row accounting and data-quality results as JSON')
    .option('--no-report', 'do not write the HTML run report (<out>/_report/index.html)')
    .option('--pseudonym-key-file <file>', 'secret of the external level\'s pseudonyms (default: the GRIDFLOW_PSEUDONYM_KEY variable)')
    .option('-q, --quiet', 'no progress lines')
    .option('--wait <seconds>', 'wait up to this long for another run writing to the same --out (0: fail at once)', '0')
    .option('--keep-versions <n>', 'old output sets kept besides the current one', '3')
    .action(async (o: RunFlags) => {
      const bucket = oneOf<Bucket>(o.bucket, ['hour', 'day', 'month'], 'bucket');
      checkMemoryLimit(o.memoryLimit, o.threads ? Number(o.threads) : undefined);
      const engineKind = oneOf<EngineKind>(o.engine, [...ENGINE_KINDS], 'engine');
      const rules = loadRuleSet(o.rules);
      const runDate = parseRunDate(o.runDate);
      const plans = o.mapping.map((m) => planOrThrow(m, io));
      let report: string | undefined;
      const afterPublish = async (r: { runId: string }) => {
        if (o.report) report = await runReport(o.out, r.runId, plans, rules.spikeFactor, io);
      };
      const result = await runPlans(plans, {
        afterPublish,
        outDir: o.out,
        bucket,
        rules,
        runDate,
        engineKind,
        engine: {
          memoryLimit: o.memoryLimit,
          threads: o.threads ? Number(o.threads) : undefined,
          progress: !o.quiet && !!io.status,
          master: o.master,
        },
        pseudonymKey: readPseudonymKey(o.pseudonymKeyFile),
        progress: o.quiet ? undefined : (l) => io.err(l),
        waitSeconds: count(o.wait, '--wait'),
        keepVersions: count(o.keepVersions, '--keep-versions'),
        warn: (d) => io.err(formatDiagnostics([d])),
        status: o.quiet ? undefined : io.status,
      }).catch((e) => {
        // The accounting shows where every row of the files went, lost lines included.
        if (e instanceof CoverageFailure && !o.json) io.out(formatAccounts(e.accounts));
        throw e;
      });
      setCode(dqExitCode(result.dq, o.warnError ?? false));
      const { runId, accounts, stages, dq, published, set } = result;
      if (o.json) return io.out(JSON.stringify({ runId, accounts, stages, dq, published, set, report }, null, 2));
      io.out(formatAccounts(result.accounts));
      if (result.stages.length) io.out(formatStages(result.stages));
      io.out('\n' + formatReport(result.dq) + '\n');
      const where = `${path.join(o.out, 'current')}/ (${result.set})`;
      const seconds = result.seconds.toFixed(1);
      io.out(`published ${result.published.length} folder(s) to ${where} in ${seconds} s (run ${result.runId})`);
      if (report) io.out(`report: ${report}`);
    });
}

/**
 * After a published run: adds the inputs (sizes, SHA-256) to the run's record and writes the HTML
 * report. The data is published by then, so a failure here is a warning, not a failed run.
 */
async function runReport(
  out: string,
  runId: string,
  plans: Plan[],
  spikeFactor: number,
  io: Io,
): Promise<string | undefined> {
  try {
    const record = extendRunRecord(out, runId, { inputs: await describeInputs(plans), spikeFactor });
    return displayPath(await writeReport(out, record));
  } catch (e) {
    io.err(formatDiagnostics([diag('report-failed', { detail: (e as Error).message.split('\n')[0] })]));
    return undefined;
  }
}

import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { latestRunRecord } from '../../report/run-record.ts';
import { writeReport } from '../../report/write-report.ts';
import { displayPath } from '../../util/display-path.ts';
import { usageError, type Io } from '../io.ts';

export function reportCommand(program: Command, io: Io): void {
  program
    .command('report')
    .description('rebuild the HTML run report (<out>/_report/index.html) of the latest run')
    .option('-o, --out <dir>', 'output folder of a run', 'out')
    .action(async (o: { out: string }) => {
      const record = existsSync(o.out) ? latestRunRecord(o.out) : undefined;
      if (!record) throw usageError(`no run record in '${o.out}/_runs'`, 'run `gridflow run` first, or pass --out');
      const t = performance.now();
      const file = await writeReport(o.out, record);
      io.out(`wrote ${displayPath(file)} (run ${record.runId}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    });
}

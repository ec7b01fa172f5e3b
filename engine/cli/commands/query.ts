import type { Command } from 'commander';
import { openDuckDb, StatementRefused, type DuckDbSession } from '../../engines/duckdb-engine.ts';
import { registerPublishedViews } from '../../query/published-views.ts';
import { formatRows, type RowFormat } from '../../query/format-rows.ts';
import { usageProfileSql } from '../../query/usage-profile.ts';
import { readPseudonymKey } from '../../util/pseudonym-key.ts';
import { pseudonymOf } from '../../util/pseudonym-of.ts';
import { oneOf, usageError, type Io } from '../io.ts';
import { didYouMean } from '../../util/did-you-mean.ts';
import { DiagnosticError } from '../../diagnostics/diagnostic.ts';
import { diag } from '../../diagnostics/catalog.ts';
import { publishedSet } from '../published-set.ts';

const FORMATS = ['table', 'csv', 'json'] as const;

/** What a session over the published tables may do beyond reading them: write one file, or anything (`unsafe`). */
type Access = { writeFiles?: string[]; unsafe?: boolean };

const REFUSED_HINT =
  '`gridflow query` runs one read-only statement (SELECT, WITH, …) over the published tables; `--unsafe` opens a full DuckDB session';

/**
 * Opens the tables of the current set of an output folder as views, locks the session (files of that
 * set only, plus `writeFiles`; no settings, no extensions) unless `unsafe`, and runs `fn`.
 */
async function withPublished<T>(
  out: string,
  fn: (engine: DuckDbSession, views: string[]) => Promise<T>,
  access: Access = {},
): Promise<T> {
  const set = publishedSet(out);
  const engine = await openDuckDb({ threads: 2 });
  try {
    const views = await registerPublishedViews(engine, set);
    if (!access.unsafe) await engine.lock({ readDirectories: [set], writeFiles: access.writeFiles });
    return await fn(engine, views);
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    if (e instanceof StatementRefused)
      throw new DiagnosticError([diag('query-refused', { detail: e.message }, { hint: REFUSED_HINT })], 2);
    throw new DiagnosticError([diag('query-failed', { detail: (e as Error).message.split('\n')[0] })]);
  } finally {
    engine.close();
  }
}

interface UsageFlags {
  servicePoint: string;
  utility?: string;
  from?: string;
  to?: string;
  table: string;
  out: string;
  format: string;
  pseudonymKeyFile?: string;
}

export function queryCommands(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('query')
    .description(
      'run one read-only SQL statement over the published tables (service_points, meters, intervals, ' +
        'usage_interval, usage_daily, dq_failures, rejects_<table>, …)',
    )
    .argument('<sql>', 'one read-only SQL statement (SELECT, WITH, …)')
    .option('-o, --out <dir>', 'output folder of a run', 'out')
    .option('-f, --format <format>', 'table, csv or json', 'table')
    .option('--unsafe', 'a full DuckDB session instead: any statements, any file, settings, extensions')
    .action(async (sql: string, o: { out: string; format: string; unsafe?: boolean }) => {
      const format = oneOf<RowFormat>(o.format, FORMATS, 'format');
      const run = (engine: DuckDbSession) => (o.unsafe ? engine.queryDisplay(sql) : engine.queryReadOnly(sql));
      const rows = await withPublished(o.out, run, { unsafe: o.unsafe });
      io.out(formatRows(rows, format));
    });

  program
    .command('usage')
    .description('the daily usage profile of one service point (local days, totals, completeness, peak and pit)')
    .requiredOption('-s, --service-point <id>', 'service point id')
    .option('-u, --utility <id>', 'utility id (when the id exists at several utilities)')
    .option('--from <date>', 'first local day, YYYY-MM-DD')
    .option('--to <date>', 'last local day, YYYY-MM-DD')
    .option('--table <name>', 'experience table: usage_daily, usage_hourly or usage_monthly', 'usage_daily')
    .option('-o, --out <dir>', 'output folder of a run', 'out')
    .option('-f, --format <format>', 'table, csv or json', 'table')
    .option('--pseudonym-key-file <file>', 'key of the published pseudonyms (default: the GRIDFLOW_PSEUDONYM_KEY variable)')
    .action(async (o: UsageFlags) => {
      const format = oneOf<RowFormat>(o.format, FORMATS, 'format');
      for (const d of [o.from, o.to]) if (d && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw usageError(`'${d}' is not a date`, 'use YYYY-MM-DD');
      // usage_daily publishes pseudonyms: with the key, the id as the utility writes it finds its rows too.
      const key = readPseudonymKey(o.pseudonymKeyFile);
      const pseudonym = key ? pseudonymOf(key, o.servicePoint) : undefined;
      await withPublished(o.out, async (engine, views) => {
        if (!views.includes(o.table)) throw usageError(`no published table '${o.table}' in ${o.out}`, didYouMean(o.table, views));
        const rows = await engine.queryDisplay(usageProfileSql({ ...o, pseudonym, table: o.table }));
        if (rows.length === 0) {
          // Ids to suggest: the raw ones of the internal Product when published, else the table's own.
          const from = views.includes('usage_interval_internal') ? 'usage_interval_internal' : o.table;
          const ids = (await engine.query<{ id: string }>(`SELECT DISTINCT service_point_id AS id FROM ${from}`)).map((r) => r.id);
          const period = o.from || o.to ? ' in that period' : '';
          const known = ids.includes(o.servicePoint) ? '' : ` (${didYouMean(o.servicePoint, ids) ?? 'unknown id'})`;
          io.err(`no usage for service point '${o.servicePoint}'${period}${known}`);
          setCode(1);
          return;
        }
        io.out(formatRows(rows, format));
      });
    });

  program
    .command('export')
    .description('export a published table to one CSV (for spreadsheets) or Parquet file')
    .argument('<table>', 'published table, e.g. usage_daily')
    .requiredOption('--to <file>', 'file to write')
    .option('--format <format>', 'csv or parquet', 'csv')
    .option('-u, --utility <id>', 'only this utility')
    .option('-o, --out <dir>', 'output folder of a run', 'out')
    .action(async (table: string, o: { to: string; format: string; utility?: string; out: string }) => {
      const format = oneOf(o.format, ['csv', 'parquet'] as const, 'format');
      const n = await withPublished(o.out, async (engine, views) => {
        if (!views.includes(table)) throw usageError(`no published table '${table}' in ${o.out}`, didYouMean(table, views) ?? `tables: ${views.join(', ')}`);
        const where = o.utility ? ` WHERE utility_id = '${o.utility.replace(/'/g, "''")}'` : '';
        const opts = format === 'csv' ? `FORMAT csv, HEADER true, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%SZ'` : 'FORMAT parquet';
        // The session is UTC already (and locked: it cannot change settings); it may write `--to` only.
        await engine.run(`COPY (SELECT * FROM "${table}"${where}) TO '${o.to.replace(/'/g, "''")}' (${opts})`);
        const [r] = await engine.query<{ n: bigint }>(`SELECT count(*) AS n FROM "${table}"${where}`);
        return Number(r.n);
      }, { writeFiles: [o.to] });
      io.out(`wrote ${n.toLocaleString('en-US')} row(s) of ${table} to ${o.to}`);
    });
}

import type { Command } from 'commander';
import { openDuckDb } from '../../engines/duckdb-engine.ts';
import type { Engine } from '../../engines/engine.ts';
import { registerPublishedViews } from '../../query/published-views.ts';
import { formatRows, type RowFormat } from '../../query/format-rows.ts';
import { usageProfileSql } from '../../query/usage-profile.ts';
import { oneOf, usageError, type Io } from '../io.ts';
import { didYouMean } from '../../util/did-you-mean.ts';
import { DiagnosticError } from '../../diagnostics/diagnostic.ts';
import { diag } from '../../diagnostics/catalog.ts';
import { publishedSet } from '../published-set.ts';

const FORMATS = ['table', 'csv', 'json'] as const;

/** Opens the tables of the current set of an output folder as views and runs `fn`. */
async function withPublished<T>(out: string, fn: (engine: Engine, views: string[]) => Promise<T>): Promise<T> {
  const set = publishedSet(out);
  const engine = await openDuckDb({ threads: 2 });
  try {
    return await fn(engine, await registerPublishedViews(engine, set));
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    throw new DiagnosticError([diag('query-failed', { detail: (e as Error).message.split('\n')[0] })]);
  } finally {
    engine.close();
  }
}

export function queryCommands(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('query')
    .description('run SQL over the published tables (service_points, meters, intervals, usage_interval, usage_daily, rejects_<table>, …)')
    .argument('<sql>', 'a SQL query')
    .option('-o, --out <dir>', 'output folder of a run', 'out')
    .option('-f, --format <format>', 'table, csv or json', 'table')
    .action(async (sql: string, o: { out: string; format: string }) => {
      const format = oneOf<RowFormat>(o.format, FORMATS, 'format');
      const rows = await withPublished(o.out, (engine) => engine.queryDisplay(sql));
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
    .action(async (o: { servicePoint: string; utility?: string; from?: string; to?: string; table: string; out: string; format: string }) => {
      const format = oneOf<RowFormat>(o.format, FORMATS, 'format');
      for (const d of [o.from, o.to]) if (d && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw usageError(`'${d}' is not a date`, 'use YYYY-MM-DD');
      await withPublished(o.out, async (engine, views) => {
        if (!views.includes(o.table)) throw usageError(`no published table '${o.table}' in ${o.out}`, didYouMean(o.table, views));
        const rows = await engine.queryDisplay(usageProfileSql({ ...o, table: o.table }));
        if (rows.length === 0) {
          const ids = (await engine.query<{ id: string }>(`SELECT DISTINCT service_point_id AS id FROM ${o.table}`)).map((r) => r.id);
          io.err(`no usage for service point '${o.servicePoint}'${o.from || o.to ? ' in that period' : ''}${ids.includes(o.servicePoint) ? '' : ` (${didYouMean(o.servicePoint, ids) ?? 'unknown id'})`}`);
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
        await engine.run(`SET TimeZone = 'UTC'`);
        await engine.run(`COPY (SELECT * FROM "${table}"${where}) TO '${o.to.replace(/'/g, "''")}' (${opts})`);
        const [r] = await engine.query<{ n: bigint }>(`SELECT count(*) AS n FROM "${table}"${where}`);
        return Number(r.n);
      });
      io.out(`wrote ${n.toLocaleString('en-US')} row(s) of ${table} to ${o.to}`);
    });
}

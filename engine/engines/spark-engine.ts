import { sparkDialect } from '../sql/spark-dialect.ts';
import type { Engine, EngineOptions } from './engine.ts';
import { SparkProcess } from './spark/spark-process.ts';
import { sparkRequests } from './spark/statement-forms.ts';

/**
 * Spark through gridflow's runner (engines/spark/runner.py): one SparkSession per engine, started
 * with `--master` (local[N], spark://…, yarn, k8s://…). Statements are Spark SQL; the working-table
 * forms Spark SQL lacks are sent as runner requests (spark/statement-forms.ts). No row passes
 * through Node except query results.
 */
export async function openSpark(opts: EngineOptions = {}): Promise<Engine> {
  const master = opts.master ?? 'local[*]';
  const proc = opts.reuseSession ? shared(master, opts) : new SparkProcess(master, sessionConf(opts));
  await proc.version;
  const tables = new Set<string>();
  const query = async (sql: string) => instantsAsDates(await proc.request({ op: 'query', sql }));
  return {
    dialect: sparkDialect,
    run: async (sql) => {
      for (const req of sparkRequests(sql)) {
        if (req.op === 'drop') tables.delete(req.name);
        else if ('name' in req) tables.add(req.name);
        await proc.request(req);
      }
    },
    query: query as Engine['query'],
    queryDisplay: query,
    close: () => {
      if (!opts.reuseSession) return proc.close();
      // A shared session outlives the run: its working tables do not.
      for (const name of tables) void proc.request({ op: 'drop', name }).catch(() => {});
    },
  };
}

/** Rows as DuckDB's engine gives them: instants (UTC text from the runner) as Dates. */
function instantsAsDates(a: { rows?: Record<string, unknown>[]; types?: Record<string, string> }): Record<string, unknown>[] {
  const instants = Object.entries(a.types ?? {}).filter(([, t]) => t === 'timestamp').map(([c]) => c);
  const rows = a.rows ?? [];
  if (!instants.length) return rows;
  const date = (v: unknown) => (typeof v === 'string' ? new Date(v.replace(' ', 'T') + 'Z') : v);
  return rows.map((r) => ({ ...r, ...Object.fromEntries(instants.map((c) => [c, date(r[c])])) }));
}

/**
 * Settings the Spark dialect's SQL means what it says under: instants in UTC (the dialect's
 * `to_utc_timestamp`/`from_utc_timestamp` and JSON text assume the session time zone is UTC, as
 * DuckDB's engine runs), ANSI casts, "x" as an identifier (as in DuckDB), µs Parquet timestamps.
 * They are applied last: `GRIDFLOW_SPARK_CONF` or `sparkConf` cannot change them.
 */
export const SPARK_SEMANTIC_CONF: Readonly<Record<string, string>> = {
  'spark.sql.session.timeZone': 'UTC',
  'spark.sql.ansi.enabled': 'true',
  'spark.sql.ansi.doubleQuotedIdentifiers': 'true',
  'spark.sql.parquet.outputTimestampType': 'TIMESTAMP_MICROS',
};

/** The settings of a session: defaults, the user's (`GRIDFLOW_SPARK_CONF`, `sparkConf`), then the semantic ones. */
export function sessionConf(opts: EngineOptions): Record<string, string> {
  const conf: Record<string, string> = {
    'spark.ui.showConsoleProgress': 'false',
    // Output folders hold Parquet files only, as DuckDB's (no _SUCCESS markers).
    'spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs': 'false',
  };
  if (opts.master?.startsWith('local')) conf['spark.sql.shuffle.partitions'] = String(opts.threads ? opts.threads * 2 : 8);
  return { ...conf, ...envConf(), ...opts.sparkConf, ...SPARK_SEMANTIC_CONF };
}

/** `GRIDFLOW_SPARK_CONF="spark.a=1,spark.b=2"`: settings for every session (e.g. memory on a cluster). */
function envConf(): Record<string, string> {
  const text = process.env.GRIDFLOW_SPARK_CONF ?? '';
  const pairs = text.split(',').filter((kv) => kv.includes('='));
  return Object.fromEntries(pairs.map((kv) => [kv.slice(0, kv.indexOf('=')).trim(), kv.slice(kv.indexOf('=') + 1).trim()]));
}

const sessions = new Map<string, SparkProcess>();

/** The shared session of a master, started with the settings of the first engine that asks for it. */
function shared(master: string, opts: EngineOptions): SparkProcess {
  let p = sessions.get(master);
  if (!p) sessions.set(master, (p = new SparkProcess(master, sessionConf({ ...opts, master }))));
  return p;
}

/** Stops the sessions shared between runs (`reuseSession`), e.g. at the end of a test suite. */
export function closeSharedSparkSessions(): void {
  for (const p of sessions.values()) p.close();
  sessions.clear();
}

/**
 * The ordered SQL files of one utility's Databricks job: the statements `gridflow run --engine
 * spark` executes (compile/compile-plan.ts, with the job's dialect hooks, job-dialect.ts), one file
 * per statement, numbered in run order, each a SQL task of its own session on a SQL warehouse.
 */
import path from 'node:path';
import type { Plan, TablePlan } from '../../plan/types.ts';
import { compilePlan } from '../../compile/compile-plan.ts';
import { work, type Statement } from '../../sql/statement.ts';
import type { Bucket } from '../../stages/usage-bucket-sql.ts';
import { sparkString } from '../../sql/spark-dialect.ts';
import { JOB_STAGE, jobDialect } from './job-dialect.ts';
import { keyStatements, KEY_VARIABLES } from './job-key.ts';
import { createdObjects, databricksSql } from './databricks-sql.ts';

export interface JobSqlFile {
  /** Relative to the emit folder, e.g. `sql/utility1/003-service_points-convert.sql`. */
  path: string;
  /** The job task that runs it. */
  task: string;
  sql: string;
}

/** The file names of the plan's sources, relative to their common folder (the job's `input_dir`). */
export function inputFiles(plan: Plan): Map<string, string> {
  const files = plan.tables.flatMap((t) => t.source.files);
  const common = files.map(path.dirname).reduce((a, d) => {
    while (a !== d && !d.startsWith(a + path.sep)) a = path.dirname(a);
    return a;
  });
  return new Map(files.map((f) => [f, path.relative(common, f).split(path.sep).join('/')]));
}

export function jobSqlFiles(plan: Plan, bucket: Bucket): JobSqlFile[] {
  const inputs = inputFiles(plan);
  const d = jobDialect(plan.utility, inputs);
  // The dialect hashes with the key blocks of session variables: the pads passed here are their names.
  const pseudonym = { ...KEY_VARIABLES };
  const displayPath = (f: string) => inputs.get(f) ?? path.basename(f);
  const c = compilePlan(plan, d, { stageDir: JOB_STAGE, bucket, displayPath, pseudonym });
  const steps: { name: string; sql: string }[] = [
    { name: 'line-counts', sql: plan.tables.map((t) => lineCounts(t, inputs)).join(';\n') },
    ...[...c.statements, ...c.stageStatements].map((s) => ({ name: s.name, sql: taskSql(s) })),
    ...c.writes.map((w) => ({ name: `write.${w.layer}.${w.table}`, sql: w.sql })),
  ].map((s) => ({ ...s, sql: databricksSql(s.sql) }));
  const created = new Map(steps.flatMap((s) => createdObjects(s.sql)).map((o) => [o.name, o]));
  const drops = [...created.values()].map((o) => `DROP ${o.view ? 'VIEW' : 'TABLE'} IF EXISTS ${o.name}`);
  steps.push({ name: 'cleanup', sql: drops.join(';\n') });
  const slug = plan.utility.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  return steps.map((s, i) => {
    const n = String(i).padStart(3, '0');
    const name = s.name.replace(/[^A-Za-z0-9_]+/g, '-');
    const key = s.sql.includes(KEY_VARIABLES.ipad) ? keyStatements() : [];
    const head = [`-- gridflow ${plan.utility} step ${n}: ${s.name}`, 'USE SCHEMA IDENTIFIER(:work_schema);'];
    const sql = [...head, ...key.map((k) => `${k};`), `${s.sql};`, ''].join('\n');
    return { path: `sql/${slug}/${n}-${name}.sql`, task: `${slug}_${n}_${name.replace(/-/g, '_')}`.slice(0, 100), sql };
  });
}

/**
 * A statement as a task runs it: a fixup runs only when its guard counts rows (a SQL script's IF),
 * and a check fails the task when it returns rows.
 */
function taskSql(s: Statement): string {
  if (s.kind === 'fixup') return `BEGIN\nIF (SELECT n FROM (${s.when}) guard) > 0 THEN\n${s.sql};\nEND IF;\nEND`;
  if (s.kind !== 'check') return s.sql;
  const message = sparkString(`${s.label}: rows found by the check of step ${s.name}`);
  return `SELECT assert_true(count(*) = 0, ${message}) FROM (${s.sql}) found`;
}

/**
 * The line counts the coverage statements read. A local run counts every file's bytes itself
 * (run/source-scan.ts); the job takes Spark's count of non-empty data lines of the same files, and
 * notes no blank, long or wide lines (so a line the CSV reader drops is not caught here).
 */
function lineCounts(t: TablePlan, inputs: Map<string, string>): string {
  const [lines, notable] = [work.lines(t.table), work.notable(t.table)].map((n) => `\`${n}\``);
  const header = t.source.csv.header ? 1 : 0;
  const counts = t.source.files.map((f, i) => {
    const from = `read_files(:input_dir || ${sparkString('/' + inputs.get(f))}, format => 'text')`;
    return `SELECT ${i}, count(*) - ${header}, 0 FROM ${from} WHERE value <> ''`;
  });
  return [
    `CREATE OR REPLACE TABLE ${lines} (file_index INT, records BIGINT, embedded BIGINT)`,
    `INSERT INTO ${lines} ${counts.join(' UNION ALL ')}`,
    `CREATE OR REPLACE TABLE ${notable} (file_index INT, line BIGINT, kind STRING, bytes BIGINT, text STRING)`,
  ].join(';\n');
}

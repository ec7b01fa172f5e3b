/**
 * The Databricks Asset Bundle around a utility's job SQL: `databricks.yml` (bundle, variables,
 * target), the job resource (one SQL file task per step, each depending on the one before, with the
 * job's parameters: input folder, output and working schemas, and where the pseudonym key's secret
 * is) and, when rules became expectations, the Delta Live Tables pipeline resource run at the end.
 */
import { stringify } from 'yaml';
import type { JobSqlFile } from './job-sql.ts';

export interface BundleInput {
  utility: string;
  slug: string;
  files: JobSqlFile[];
  /** The DLT file, relative to the emit folder, when there is one. */
  dlt?: string;
}

/** The job's parameters; SQL files read them as named parameter markers (`:input_dir`). */
export const JOB_PARAMETERS = [
  'input_dir',
  'output_schema',
  'work_schema',
  'pseudonym_scope',
  'pseudonym_key',
] as const;

const yaml = (doc: unknown, comment: string) =>
  `# ${comment}\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;

export function bundleFiles(b: BundleInput): Record<string, string> {
  const job = `gridflow_${b.slug}`;
  const pipeline = `${job}_dq`;
  const files: Record<string, string> = {
    'databricks.yml': yaml(bundleDoc(b), `Asset Bundle of gridflow's ${b.utility} job (gridflow compile --emit).`),
    [`resources/${job}.job.yml`]: yaml(jobDoc(b, job, pipeline), `The ${b.utility} job: its SQL files in run order.`),
  };
  const about = `Expectations of ${b.utility}'s rules.`;
  if (b.dlt) files[`resources/${pipeline}.pipeline.yml`] = yaml(pipelineDoc(b, pipeline), about);
  return files;
}

function bundleDoc(b: BundleInput) {
  const variable = (description: string, value?: string) =>
    value === undefined ? { description } : { description, default: value };
  return {
    bundle: { name: `gridflow_${b.slug}` },
    include: ['resources/*.yml'],
    variables: {
      warehouse_id: variable('SQL warehouse that runs the SQL tasks'),
      catalog: variable('Unity Catalog catalog of the output and working schemas'),
      input_dir: variable(`folder (e.g. a volume, /Volumes/…) holding ${b.utility}'s source files by their names`),
      output_schema: variable('schema (in catalog) of the published tables', 'gridflow'),
      work_schema: variable("schema (in catalog) of the job's working tables, dropped at its end", 'gridflow_work'),
      pseudonym_scope: variable('secret scope holding the pseudonym key', 'gridflow'),
      pseudonym_key: variable('secret key name of the pseudonym key (≥ 32 bytes)', 'pseudonym-key'),
    },
    targets: { dev: { mode: 'development', default: true }, prod: { mode: 'production' } },
  };
}

function jobDoc(b: BundleInput, job: string, pipeline: string) {
  const values: Record<(typeof JOB_PARAMETERS)[number], string> = {
    input_dir: '${var.input_dir}',
    output_schema: '${var.catalog}.${var.output_schema}',
    work_schema: '${var.catalog}.${var.work_schema}',
    pseudonym_scope: '${var.pseudonym_scope}',
    pseudonym_key: '${var.pseudonym_key}',
  };
  const parameters = Object.fromEntries(JOB_PARAMETERS.map((p) => [p, `{{job.parameters.${p}}}`]));
  const tasks: Record<string, unknown>[] = b.files.map((f, i) => ({
    task_key: f.task,
    ...(i ? { depends_on: [{ task_key: b.files[i - 1].task }] } : {}),
    sql_task: { warehouse_id: '${var.warehouse_id}', file: { path: `../${f.path}`, source: 'WORKSPACE' }, parameters },
  }));
  if (b.dlt)
    tasks.push({
      task_key: `${b.slug}_expectations`,
      depends_on: [{ task_key: b.files.at(-1)!.task }],
      pipeline_task: { pipeline_id: `\${resources.pipelines.${pipeline}.id}` },
    });
  const name = `gridflow ${b.utility}`;
  const jobParameters = JOB_PARAMETERS.map((p) => ({ name: p, default: values[p] }));
  return { resources: { jobs: { [job]: { name, max_concurrent_runs: 1, parameters: jobParameters, tasks } } } };
}

function pipelineDoc(b: BundleInput, pipeline: string) {
  return {
    resources: {
      pipelines: {
        [pipeline]: {
          name: `gridflow ${b.utility} data quality`,
          catalog: '${var.catalog}',
          schema: '${var.output_schema}',
          serverless: true,
          configuration: { 'gridflow.output_schema': '${var.catalog}.${var.output_schema}' },
          libraries: [{ file: { path: `../${b.dlt}` } }],
        },
      },
    },
  };
}

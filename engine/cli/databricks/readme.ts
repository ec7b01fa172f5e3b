import type { Expectations } from './dlt-expectations.ts';

/** README.md of an emitted job: what is in the folder, how to deploy and run it, what differs from a local run. */
export function emitReadme(utility: string, slug: string, steps: number, x: Expectations): string {
  const violation = (action: string) => (action === 'fail' ? 'ON VIOLATION FAIL UPDATE' : 'ON VIOLATION DROP ROW');
  const expressed = x.expressed.map((e) => `- \`${e.rule}\` on ${e.table}: ${violation(e.action)}`);
  const none = 'No rule with action fail or quarantine is a condition on single rows: no pipeline is emitted.';
  const files = `\`resources/gridflow_${slug}_dq.pipeline.yml\` and \`dlt/${slug}-expectations.sql\``;
  const pipeline = `\n- ${files}: the rules with action
  fail or quarantine as Delta Live Tables expectations, run as the job's last task.`;
  const not = x.notExpressed.map((e) => `- \`${e.rule}\` (${e.type}): ${e.reason}`);
  return `# gridflow job for ${utility} on Databricks

Written by \`gridflow compile --dialect databricks --emit\`; do not edit by hand (a new emit replaces
these files). The SQL is the same as \`gridflow run --engine spark\` executes, with the Databricks hooks.

- \`databricks.yml\`: the Databricks Asset Bundle (variables, targets \`dev\` and \`prod\`).
- \`resources/gridflow_${slug}.job.yml\`: the job, ${steps} SQL file tasks in run order, each depending
  on the one before.${x.sql ? pipeline : ''}
- \`sql/${slug}/NNN-step.sql\`: one statement group per file, numbered in run order.

## Deploy and run

1. A SQL warehouse (its id: \`databricks warehouses list\`), a catalog with the output and working
   schemas, and the source files in a folder the warehouse can read (e.g. a Unity Catalog volume),
   under the names the mapping gives them.
2. The pseudonym key (≥ 32 bytes) in a secret scope, never in a file:
   \`databricks secrets create-scope gridflow\`, then \`databricks secrets put-secret gridflow pseudonym-key\`.
3. \`databricks bundle validate\`, then
   \`databricks bundle deploy -t dev --var warehouse_id=<id> --var catalog=<catalog> --var input_dir=/Volumes/<…>\`
   (\`output_schema\`, \`work_schema\`, \`pseudonym_scope\`, \`pseudonym_key\` have defaults).
4. \`databricks bundle run gridflow_${slug}\` (job parameters override per run: \`--params input_dir=…\`).

## What the job does, and what differs from \`gridflow run\`

- Outputs are Delta tables of \`output_schema\` named \`<layer>_<table>\` (e.g. \`standardized_intervals\`,
  \`internal_rejects_intervals\`, \`product_usage_interval\`), partitioned as the Parquet outputs; each write
  replaces this utility's rows only (\`INSERT INTO … REPLACE WHERE utility_id = …\`), atomically per table
  (not for the whole set at once, as a local run's publish is).
- Working tables live in \`work_schema\` (each SQL task is its own session) and are dropped by the last step;
  \`max_concurrent_runs: 1\` keeps two runs from sharing them.
- The pseudonym key's HMAC blocks are derived in SQL from \`secret(:pseudonym_scope, :pseudonym_key)\` into
  session variables of the tasks that hash.
- Line counts come from Spark's own count of the non-empty lines of each file; a local run's independent
  byte scan (which catches lines the CSV reader drops or misreads) does not run here.
- Data-quality rules (thresholds, the report, history, samples, quarantine tables) are evaluated by
  \`gridflow run\` / \`gridflow dq\`, not by this job; see "Rules as expectations" for what runs here.

## Rules as expectations

${expressed.length ? expressed.join('\n') : none}
${not.length ? `\nRules with action fail or quarantine not expressed as expectations:\n\n${not.join('\n')}\n` : ''}
## Requirements

Named parameter markers in SQL file tasks, \`IDENTIFIER()\`, \`read_files\` with \`_metadata\`, \`secret()\`,
session variables (\`DECLARE VARIABLE\`), SQL scripting (\`BEGIN … IF … END IF; END\`, for the steps that run only
when a guard counts rows) and \`INSERT … REPLACE WHERE\`: a current Databricks SQL warehouse
(serverless or pro).
`;
}

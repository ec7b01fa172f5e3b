/**
 * `gridflow compile --dialect databricks --emit DIR`: the files of a deployable Databricks job for one
 * mapping, as a map of relative path → text (written by commands/compile-emit.ts).
 */
import type { Plan } from '../../plan/types.ts';
import type { RulePlan } from '../../plan/rules.ts';
import type { Bucket } from '../../stages/usage-bucket-sql.ts';
import { bundleFiles } from './bundle.ts';
import { dltExpectations } from './dlt-expectations.ts';
import { jobDialect } from './job-dialect.ts';
import { inputFiles, jobSqlFiles } from './job-sql.ts';
import { emitReadme } from './readme.ts';

export function databricksJob(plan: Plan, rules: RulePlan[], bucket: Bucket): Record<string, string> {
  const slug = plan.utility.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  const sql = jobSqlFiles(plan, bucket);
  const expectations = dltExpectations(plan, rules, jobDialect(plan.utility, inputFiles(plan)));
  const dlt = expectations.sql ? `dlt/${slug}-expectations.sql` : undefined;
  return {
    'README.md': emitReadme(plan.utility, slug, sql.length, expectations),
    ...bundleFiles({ utility: plan.utility, slug, files: sql, dlt }),
    ...(dlt ? { [dlt]: expectations.sql! } : {}),
    ...Object.fromEntries(sql.map((f) => [f.path, f.sql])),
  };
}

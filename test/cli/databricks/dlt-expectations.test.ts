import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/tmp.ts';

const RULES = `rules:
  - name: sp_id_present
    table: service_points
    type: not_null
    columns: [service_point_id]
    action: quarantine
  - name: value_not_negative
    table: intervals
    type: expression
    expr: "value >= 0"
    where: "direction != 'net'"
    action: fail
  - { name: not_in_future, table: intervals, type: range, column: interval_start_ts, max: now, action: quarantine }
  - name: few_null_meters
    table: meters
    type: not_null
    columns: [meter_id]
    error_if: "> 5%"
    action: quarantine
  - { name: meters_unique, table: meters, type: unique, columns: [meter_id], action: fail }
  - { name: report_only, table: meters, type: not_null, columns: [meter_id] }
`;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('compile --emit: rules with action fail or quarantine as DLT expectations', () => {
  it('expresses the row-level rules and names the others with their reason', async () => {
    const { dir, write } = tempDir();
    const rules = write('rules.yaml', RULES);
    const job = path.join(dir, 'job');
    const args = ['-m', 'mappings/utility1.yaml', '--dialect', 'databricks', '--rules', rules, '--emit', job];
    const r = await cli('compile', ...args);
    expect(r.err).toBe('');
    const dlt = readFileSync(path.join(job, 'dlt/utility1-expectations.sql'), 'utf8');
    expect(dlt).toContain('CREATE OR REFRESH MATERIALIZED VIEW service_points_checked (');
    const expect_ = (name: string) => `CONSTRAINT \`${name}\` EXPECT (NOT coalesce(`;
    const present = `${esc(expect_('sp_id_present'))}.*service_point_id\` IS NULL.*ON VIOLATION DROP ROW`;
    expect(dlt).toMatch(new RegExp(present));
    expect(dlt).toMatch(new RegExp(`${esc(expect_('value_not_negative'))}.*direction.*ON VIOLATION FAIL UPDATE`));
    expect(dlt).toContain("FROM ${gridflow.output_schema}.standardized_intervals WHERE utility_id = 'UTILITY1'");
    expect(dlt).not.toMatch(/not_in_future|few_null_meters|meters_unique|report_only/);
    expect(dlt).not.toContain('t.`');
    const readme = readFileSync(path.join(job, 'README.md'), 'utf8');
    expect(readme).toContain('`not_in_future` (range): has a bound relative to the run date');
    expect(readme).toContain('`few_null_meters` (not_null): has a threshold');
    expect(readme).toContain('`meters_unique` (unique): a unique rule compares rows with each other');
    expect(readme).not.toContain('report_only');
    const jobDoc = parse(readFileSync(path.join(job, 'resources/gridflow_utility1.job.yml'), 'utf8'));
    const tasks = jobDoc.resources.jobs.gridflow_utility1.tasks;
    expect(tasks.at(-1)).toEqual({
      task_key: 'utility1_expectations',
      depends_on: [{ task_key: tasks.at(-2).task_key }],
      pipeline_task: { pipeline_id: '${resources.pipelines.gridflow_utility1_dq.id}' },
    });
    const pipeline = parse(readFileSync(path.join(job, 'resources/gridflow_utility1_dq.pipeline.yml'), 'utf8'));
    const { libraries } = pipeline.resources.pipelines.gridflow_utility1_dq;
    expect(libraries).toEqual([{ file: { path: '../dlt/utility1-expectations.sql' } }]);
  });
});

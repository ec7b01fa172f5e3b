import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { runPlans, type RunResult } from '../../engine/run/run-plans.ts';
import { loadRuleSet } from '../../engine/cli/commands/dq.ts';
import { DEFAULT_RULES } from '../../engine/read/read-rules.ts';
import type { Plan } from '../../engine/plan/types.ts';
import type { EngineKind } from '../../engine/engines/open-engine.ts';
import type { Bucket } from '../../engine/stages/usage-bucket-sql.ts';
import { tempDir } from '../helpers/tmp.ts';
import { compareOutputs } from './compare-outputs.ts';
import { requireSpark, skipSpark, sparkOptions } from './spark-setup.ts';

/**
 * The differential suite: the same mappings run through `runPlans` on DuckDB and on Spark
 * `local[2]`, and every published table is compared order-insensitively (compare-outputs.ts), as
 * well as the row accounting and every data-quality result. Spark semantic differences are dialect
 * hooks, never tolerances: doubles compare exactly.
 */
const runDate = new Date('2025-03-01T00:00:00Z');
const rules = loadRuleSet(DEFAULT_RULES);

function plans(...mappings: string[]): Plan[] {
  return mappings.map((m) => {
    const { plan, diagnostics } = readMapping(m);
    if (!plan) throw new Error(`${m}: ${JSON.stringify(diagnostics)}`);
    return plan;
  });
}

async function runOn(kind: EngineKind, ps: Plan[], outDir: string, bucket: Bucket): Promise<RunResult> {
  const engine = kind === 'spark' ? sparkOptions : { threads: 2 };
  return runPlans(ps, { outDir, engineKind: kind, engine, rules, runDate, runId: 'differential', bucket });
}

/** What a run reports, without its timings: accounts, stage rows, DQ results. */
function reported(r: RunResult) {
  const dq = r.dq.results.map(({ utility, rule, status, failing, total, distinctKeys, sample }) => ({ utility, rule, status, failing, total, distinctKeys, sample }));
  return { accounts: r.accounts, stages: r.stages, dq, published: [...r.published].sort() };
}

async function differential(mappings: string[], bucket: Bucket = 'day') {
  const ps = plans(...mappings);
  const { dir } = tempDir('gridflow-diff-');
  const duck = await runOn('duckdb', ps, path.join(dir, 'duckdb'), bucket);
  const spark = await runOn('spark', ps, path.join(dir, 'spark'), bucket);
  const compared = await compareOutputs(path.join(dir, 'duckdb'), path.join(dir, 'spark'));
  return { duck, spark, compared };
}

const minutes = 60_000;

describe.skipIf(skipSpark)('DuckDB and Spark publish the same tables', () => {
  beforeAll(requireSpark);

  it('both sample utilities', { timeout: 30 * minutes }, async () => {
    const { duck, spark, compared } = await differential(['mappings/utility1.yaml', 'mappings/utility2.yaml']);
    expect(compared.tables).toContain('standardized/intervals');
    expect(compared.tables).toContain('experience/usage_daily');
    expect(compared.differences).toEqual([]);
    expect(reported(spark)).toEqual(reported(duck));
  });

  it('the third utility (Latin-1, epoch seconds, hour-ending reads, a device moved)', { timeout: 15 * minutes }, async () => {
    const { duck, spark, compared } = await differential(['test/fixtures/mappings/utility3.yaml']);
    expect(compared.tables).toContain('standardized/intervals');
    expect(compared.differences).toEqual([]);
    expect(reported(spark)).toEqual(reported(duck));
  });

  it('the third utility with --bucket hour (23 local hours on the spring-forward day)', { timeout: 15 * minutes }, async () => {
    const { duck, spark, compared } = await differential(['test/fixtures/mappings/utility3.yaml'], 'hour');
    expect(compared.tables).toContain('experience/usage_hourly');
    expect(compared.differences).toEqual([]);
    expect(reported(spark)).toEqual(reported(duck));
  });
});

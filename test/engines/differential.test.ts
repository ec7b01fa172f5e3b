import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { DqFailure, runPlans, type RunResult } from '../../engine/run/run-plans.ts';
import { loadRuleSet } from '../../engine/cli/commands/dq.ts';
import { DEFAULT_RULES } from '../../engine/read/read-rules.ts';
import type { Plan } from '../../engine/plan/types.ts';
import type { Dialect } from '../../engine/sql/dialect.ts';
import type { EngineKind } from '../../engine/engines/open-engine.ts';
import type { Bucket } from '../../engine/stages/usage-bucket-sql.ts';
import { tempDir } from '../helpers/tmp.ts';
import { compareOutputs } from './compare-outputs.ts';
import { writeInternalViews } from './internal-view.ts';
import { dqFailFixture, dqFixture, dstFixture, meterSwapFixture } from './diff-fixtures.ts';
import { DOUBLES, dstInstants, INSTANTS, overValues, sameOnBoth } from './dialect-hooks.ts';
import { openEngine } from '../../engine/engines/open-engine.ts';
import { DiagnosticError } from '../../engine/diagnostics/diagnostic.ts';
import { requireSpark, skipSpark, sparkOptions } from './spark-setup.ts';

/**
 * The differential suite: the same mappings run through `runPlans` on DuckDB and on Spark
 * `local[2]`, and every published table is compared order-insensitively (compare-outputs.ts), as
 * well as the row accounting and every data-quality result. Spark semantic differences are dialect
 * hooks, never tolerances: doubles compare exactly.
 */
const runDate = new Date('2025-03-01T00:00:00Z');
const defaultRules = loadRuleSet(DEFAULT_RULES);
/**
 * For the cases about time and joins, and the DQ fixture (its mapping has a rule of every type): the
 * mappings' own rules only, as each rule costs Spark statements; the sample utilities run the default rules.
 */
const noRules = loadRuleSet(false);

function plans(...mappings: string[]): Plan[] {
  return mappings.map((m) => {
    const { plan, diagnostics } = readMapping(m);
    if (!plan) throw new Error(`${m}: ${JSON.stringify(diagnostics)}`);
    return plan;
  });
}

async function runOn(kind: EngineKind, ps: Plan[], outDir: string, bucket: Bucket, rules = defaultRules): Promise<RunResult> {
  const engine = kind === 'spark' ? sparkOptions : { threads: 2 };
  return runPlans(ps, { outDir, engineKind: kind, engine, rules, runDate, runId: 'differential', bucket });
}

/** What a run reports, without its timings: accounts, stage rows, DQ results. */
function reported(r: RunResult) {
  const dq = r.dq.results.map(({ utility, rule, status, failing, total, distinctKeys, sample, detail, quarantined }) => ({
    ...{ utility, rule, status, failing, total, distinctKeys, sample, detail, quarantined },
  }));
  return { accounts: r.accounts, stages: r.stages, dq, published: [...r.published].sort() };
}

async function differential(mappings: string[], bucket: Bucket = 'day', rules = defaultRules) {
  const ps = plans(...mappings);
  const { dir } = tempDir('gridflow-diff-');
  const duck = await runOn('duckdb', ps, path.join(dir, 'duckdb'), bucket, rules);
  const spark = await runOn('spark', ps, path.join(dir, 'spark'), bucket, rules);
  const published = await compareOutputs(path.join(dir, 'duckdb'), path.join(dir, 'spark'));
  // The internal Product is a view: each engine runs its set's definition, and the rows are compared too.
  const views = path.join(dir, 'views');
  const viewed = await writeInternalViews(path.join(dir, 'duckdb'), path.join(dir, 'spark'), views);
  const internal = viewed ? await compareOutputs(path.join(views, 'duckdb'), path.join(views, 'spark')) : undefined;
  const compared = {
    tables: [...published.tables, ...(internal?.tables ?? [])].sort(),
    differences: [...published.differences, ...(internal?.differences ?? [])],
  };
  return { duck, spark, compared };
}

const minutes = 60_000;

describe.skipIf(skipSpark)('DuckDB and Spark publish the same tables', () => {
  beforeAll(requireSpark);

  // Each semantic difference found between the engines is a dialect hook; these cases hold the hooks
  // to the same answers on both engines, value by value.
  it('JSON text of doubles and instants (records of rejects, quarantine, failure samples) as DuckDB writes it', { timeout: 5 * minutes }, async () => {
    const doubles = DOUBLES.map((v) => `'${v}'`);
    const { spark } = await sameOnBoth((d) => overValues([...doubles, 'NULL'], `${d.recordJson([['v', d.cast('x', 'double'), 'double']])} AS j`));
    expect(spark.map((r) => (r as { j: string }).j)).toContain('{"v":100000000000000000000.0}');
    const instants = [...INSTANTS.map((v) => `'${v}'`), 'NULL'];
    const typed = (d: Dialect) => d.recordJson([['t', d.cast('x', 'timestamp'), 'timestamp'], ['s', 'x', 'string']]);
    const { spark: st } = await sameOnBoth((d) => overValues(instants, `${typed(d)} AS j`));
    expect(st.map((r) => (r as { j: string }).j)).toContain('{"t":"2025-01-22 09:15:00.5+00","s":"2025-01-22 09:15:00.5"}');
    // The same values as text for people (VEE findings, freshness details): DuckDB's CAST to VARCHAR.
    const { spark: texts } = await sameOnBoth((d) => overValues([...doubles, "'NaN'", "'-Infinity'", 'NULL'], `${d.numberText(d.cast('x', 'double'))} AS n`));
    expect(texts.map((r) => (r as { n: string }).n)).toEqual(expect.arrayContaining(['1e+20', '0.0001', '12345678.9', 'nan', '-inf']));
    await sameOnBoth((d) => overValues(['12', '-3', 'NULL'], `${d.numberText('x')} AS n`));
    await sameOnBoth((d) => overValues(instants, `${d.instantText(d.cast('x', 'timestamp'))} AS t`));
  });

  it('two-argument trim, one-digit strftime fields, decimal sums, ties of min_by/max_by', { timeout: 5 * minutes }, async () => {
    // Spark's trim(a, b) trims the characters of a from b; the hook writes TRIM(BOTH chars FROM expr).
    const crlf = "chr(13), chr(10)";
    const padded = [`concat(${crlf}, 'M1,2', ${crlf})`, `concat('ab', chr(13))`, "''"];
    await sameOnBoth((d) => overValues(padded, `${d.trimChars('x', 'chr(13) || chr(10)')} AS t`));
    // DuckDB's %m/%d/%H read one digit or two; Java's MM/dd/HH exactly two.
    const texts = ['7/4/2025 9:05', '07/04/2025 09:05', '12/31/2025 23:59', '1/1/2025 0:00', '13/1/2025 0:00'].map((v) => `'${v}'`);
    await sameOnBoth((d) => overValues(texts, `${d.cast(d.tryParseLocal('x', '%m/%d/%Y %H:%M'), 'string')} AS local`));
    await sameOnBoth((d) => overValues(["'20250704'", "'20251231'"], `${d.cast(d.tryParseLocal('x', '%Y%m%d'), 'string')} AS local`));
    // Exact decimal sums (9 places) of doubles, back to a double: the same scale on both engines.
    const values = ['0.1', '0.2', '0.3', '1e-10', '0.0000000015', '-0.0000000025', '12345678.123456789', '1.23456789012'];
    const sum = (d: Dialect) => `SELECT ${d.cast(`sum(${d.toDecimal(d.cast('x', 'double'))})`, 'double')} AS s FROM (${overValues(values.map((v) => `'${v}'`), 'x')}) v`;
    await sameOnBoth(sum);
    // Ties: min_by/max_by pick any tied row on both engines; callers break ties with a unique key (ts).
    const tie = (d: Dialect) =>
      `SELECT ${d.minBy('ts', ['-v', 'ts'])} AS peak, ${d.maxBy('ts', ['v', '-ts'])} AS peak2, ${d.minBy('ts', ['v', 'ts'])} AS pit ` +
      `FROM (SELECT i AS ts, CAST(x AS DOUBLE) AS v FROM (${overValues(['3', '5', '5', '1', '1', '5'], 'x')}) t) s`;
    const { spark } = await sameOnBoth(tie);
    expect(spark).toEqual([{ peak: 1, peak2: 1, pit: 3 }]);
  });

  it('ambiguous and skipped local times resolve to the same instants under every DST policy', { timeout: 5 * minutes }, async () => {
    for (const ambiguous of ['earlier', 'later', 'reject'] as const) {
      for (const nonexistent of ['reject', 'shift_forward'] as const) await sameOnBoth((d) => dstInstants(d, { ambiguous, nonexistent }));
    }
  });

  it('a Spark error is the catalog diagnostic run-failed (class, message, SQLSTATE, hint), not a JVM stack', { timeout: 5 * minutes }, async () => {
    const engine = await openEngine('spark', sparkOptions);
    try {
      const e = await engine.query('SELECT no_such_column FROM range(1)').then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(DiagnosticError);
      const [diagnostic] = (e as DiagnosticError).diagnostics;
      expect(diagnostic).toMatchObject({ code: 'run-failed', severity: 'error' });
      expect(diagnostic.message).toMatch(/^run failed: Spark \[UNRESOLVED_COLUMN[A-Z_.]*\] .*no_such_column.* \(SQLSTATE 42703\)$/);
      expect(diagnostic.message).not.toMatch(/\n|at org\.apache|py4j/);
      expect(diagnostic.hint).toContain('gridflow compile --dialect spark');
      // the session stays usable
      expect(await engine.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      engine.close();
    }
  });

  it('both sample utilities', { timeout: 30 * minutes }, async () => {
    const { duck, spark, compared } = await differential(['mappings/utility1.yaml', 'mappings/utility2.yaml']);
    expect(compared.tables).toContain('standardized/intervals');
    expect(compared.tables).toContain('experience/usage_daily');
    expect(compared.tables).toEqual(expect.arrayContaining(['product/usage_interval_internal', 'internal/meter_periods']));
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

  it('DST: spring-forward and fall-back at 5/15/60 minutes under each policy, Havana midnights, Lord Howe, Kolkata', { timeout: 20 * minutes }, async () => {
    const { duck, spark, compared } = await differential(dstFixture(), 'day', noRules);
    expect(compared.tables).toEqual(expect.arrayContaining(['standardized/intervals', 'internal/rejects/intervals', 'experience/usage_daily']));
    expect(compared.differences).toEqual([]);
    expect(reported(spark)).toEqual(reported(duck));
  });

  it('effective-dated joins with meter swaps', { timeout: 15 * minutes }, async () => {
    const { duck, spark, compared } = await differential(meterSwapFixture(), 'day', noRules);
    const tables = ['standardized/intervals', 'standardized/meters', 'product/usage_interval', 'product/usage_interval_internal'];
    expect(compared.tables).toEqual(expect.arrayContaining([...tables, 'internal/meter_periods']));
    expect(compared.differences).toEqual([]);
    expect(reported(spark)).toEqual(reported(duck));
  });

  it('every DQ rule type, rejects of malformed lines and bad values, quarantine, --bucket month', { timeout: 15 * minutes }, async () => {
    const { duck, spark, compared } = await differential(dqFixture(), 'month', noRules);
    const tables = ['internal/rejects/intervals', 'internal/quarantine/intervals', 'dq/failures', 'experience/usage_monthly'];
    expect(compared.tables).toEqual(expect.arrayContaining(tables));
    expect(compared.differences).toEqual([]);
    expect(reported(spark)).toEqual(reported(duck));
  });

  it('a rule with action fail stops both runs with the same report (exit code 1, nothing published)', { timeout: 15 * minutes }, async () => {
    const ps = plans(...dqFailFixture());
    const { dir } = tempDir('gridflow-diff-');
    const failure = (kind: EngineKind) => runOn(kind, ps, path.join(dir, kind), 'day').then(() => undefined, (e: unknown) => e);
    const [duck, spark] = [await failure('duckdb'), await failure('spark')];
    expect(duck).toBeInstanceOf(DqFailure);
    expect(spark).toBeInstanceOf(DqFailure);
    const report = (e: DqFailure) => ({ rules: e.rules, report: e.report });
    expect(report(spark as DqFailure)).toEqual(report(duck as DqFailure));
    expect(existsSync(path.join(dir, 'spark', 'current'))).toBe(false);
  });
});

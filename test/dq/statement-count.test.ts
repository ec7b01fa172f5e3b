import { describe, expect, test } from 'vitest';
import { openEngine } from '../../engine/engines/open-engine.ts';
import type { Engine } from '../../engine/engines/engine.ts';
import { compilePlan } from '../../engine/compile/compile-plan.ts';
import { scanFactsStatements } from '../../engine/compile/scan-facts-sql.ts';
import { scanSources } from '../../engine/run/source-scan.ts';
import { checkPhase, runContext } from '../../engine/run/run-dq.ts';
import { combineRules } from '../../engine/plan/rules.ts';
import { hmacPads } from '../../engine/util/pseudonym-key.ts';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { DEFAULT_RULES, readRules } from '../../engine/read/read-rules.ts';
import type { Plan } from '../../engine/plan/types.ts';
import { dqTables } from '../../engine/dq/evaluate.ts';
import { I_HEAD, METERS, RUN_DATE, SP, csv, mapping, ruleOf, workspace } from './util.ts';

/**
 * The checks of a table are counted together, and the figures and samples of a phase's failing rules
 * are read and stored together, so an engine with a fixed cost per statement (Spark) pays it per
 * table and per failing rule, not per rule: statements are counted here, not timed.
 */
describe('DQ statements', () => {
  const title =
    'passing simple and aggregate rules of a table share one query; a failing rule adds its failing rows, ' +
    'and the phase one sample per rows in scope, one figures query, one insert and one drop';
  test(title, async () => {
    const rows = [
      'M1,S1,c,2025-01-01T00:00:00Z,1,kWh,VAL',
      'M1,S1,c,2025-01-01T00:15:00Z,0,kWh,VAL',
      'M2,S2,c,2025-01-01T00:00:00Z,2,kWh,VAL',
    ];
    const ws = workspace({ 'mapping.yaml': mapping(), 'sp.csv': SP, 'm.csv': METERS, 'i.csv': csv(I_HEAD, rows) });
    const passing = `
  - { table: intervals, type: row_count, min: 1 }
  - { table: intervals, type: not_null, columns: [meter_id, interval_start_ts] }
  - { name: sane, table: intervals, type: range, column: interval_start_ts, min: "2000-01-01", max: now }
  - { name: fresh, table: intervals, type: freshness, column: interval_start_ts, max_age: 3650 days }
  - { name: kwh, table: intervals, type: accepted_values, column: unit, values: [kWh] }`;
    const failing = `
  - { name: zeros, table: intervals, type: expression, expr: "value != 0", warn_if: "> 0" }`;
    const plan = ws.plan();
    const engine = await openEngine('duckdb', { threads: 2 });
    try {
      await standardize(engine, plan, ws.out);
      const ctx = runContext(engine.dialect, plan, RUN_DATE, 'day', PSEUDONYM);
      const check = async (rules: string) => {
        const counting = countingEngine(engine);
        const set = ws.rules(`rules:${rules}\n`);
        const opts = { sampleCap: 100, spikeFactor: 2, previous: new Map() };
        const results = await checkPhase(counting.engine, 'standardized', combineRules(set.rules, [plan]), ctx, opts);
        return { results, calls: counting.calls };
      };
      const pass = await check(passing);
      expect(pass.results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
      expect(ruleOf(pass.results, 'fresh').detail).toBe('latest 2025-01-01 00:15:00+00');
      expect(ruleOf(pass.results, 'intervals__row_count').detail).toBe('3 rows');
      // the working tables of the checks (one statement), one query for the table
      expect(pass.calls.filter((c) => c.kind === 'query')).toHaveLength(1);
      expect(pass.calls).toHaveLength(2);
      const fail = await check(passing + failing);
      expect(ruleOf(fail.results, 'zeros')).toMatchObject({
        status: 'warn',
        failing: 1,
        total: 3,
        sample: ['M1/c/2025-01-01T00:15:00Z'],
      });
      // its failing rows and its sample; the phase's figures query, its INSERT of the samples (both
      // levels) and its drops of the working tables
      expect(fail.calls.length - pass.calls.length).toBe(5);
      expect(fail.calls.filter((c) => c.kind === 'query')).toHaveLength(2);
      const units = `
  - { name: units, table: intervals, type: expression, expr: "unit != 'kWh'", warn_if: "> 0" }`;
      const two = await check(passing + failing + units);
      expect(ruleOf(two.results, 'units')).toMatchObject({ status: 'warn', failing: 3, total: 3 });
      // a second failing rule over the same rows: its failing rows only (its sample is found with the first's)
      expect(two.calls.length - fail.calls.length).toBe(1);
      expect(two.calls.filter((c) => c.kind === 'query')).toHaveLength(2);
      expect(two.calls.filter((c) => c.sql.startsWith(`INSERT INTO ${dqTables.failures}`))).toHaveLength(1);
    } finally {
      engine.close();
    }
  });

  // Statements of the shipped rules' DQ stage (both phases, counted here) per utility on the sample data:
  // utility 1 61 at stop 16, utility 2 69.
  const bounds: Record<string, number> = { 'mappings/utility1.yaml': 25, 'mappings/utility2.yaml': 28 };
  test.each(Object.entries(bounds))('the shipped rules on %s: at most %i statements', async (file, bound) => {
    const { plan } = readMapping(file);
    const { ruleSet } = readRules(DEFAULT_RULES);
    const engine = await openEngine('duckdb', { threads: 2 });
    try {
      const compiled = await standardize(engine, plan!, workspace().out);
      const ctx = runContext(engine.dialect, plan!, RUN_DATE, 'day', PSEUDONYM);
      const counting = countingEngine(engine);
      const opts = { sampleCap: 100, spikeFactor: 2, previous: new Map() };
      const rules = combineRules(ruleSet!.rules, [plan!]);
      const checked = await checkPhase(counting.engine, 'standardized', rules, ctx, opts);
      for (const s of compiled.stageStatements) await engine.run(s.sql);
      const staged = await checkPhase(counting.engine, 'stages', rules, ctx, opts);
      expect([...checked, ...staged].filter((r) => r.status === 'warn').length).toBeGreaterThan(0);
      const inserts = counting.calls.filter((c) => c.sql.startsWith(`INSERT INTO ${dqTables.failures}`));
      expect(inserts).toHaveLength(1);
      expect(counting.calls.length).toBeLessThanOrEqual(bound);
    } finally {
      engine.close();
    }
  });
});

const PSEUDONYM = hmacPads(Buffer.from('k'.repeat(40)));

/** Loads and standardizes a plan's tables, as a run does before its checks. */
async function standardize(engine: Engine, plan: Plan, out: string) {
  const compiled = compilePlan(plan, engine.dialect, { stageDir: out, bucket: 'day', pseudonym: PSEUDONYM });
  const scans = scanSources(plan);
  for (const t of plan.tables) {
    for (const s of scanFactsStatements(engine.dialect, t, scans.get(t.table)!)) await engine.run(s.sql);
  }
  for (const s of compiled.statements) if (s.kind !== 'check' && s.kind !== 'fixup') await engine.run(s.sql);
  return compiled;
}

/** An engine that records every statement sent to `inner`. */
function countingEngine(inner: Engine): { engine: Engine; calls: { kind: 'run' | 'query'; sql: string }[] } {
  const calls: { kind: 'run' | 'query'; sql: string }[] = [];
  const engine: Engine = {
    ...inner,
    run: (sql, opts) => (calls.push({ kind: 'run', sql }), inner.run(sql, opts)),
    query: (sql) => (calls.push({ kind: 'query', sql }), inner.query(sql)),
  };
  return { engine, calls };
}

import type { Engine } from '../engines/engine.ts';
import { ruleSql, type RuleContext } from './rule-sql.ts';
import { statusOf } from '../plan/thresholds.ts';
import { hasLineage, keyText, storeFailing } from './failing-rows.ts';
import { countBatched } from './batch-counts.ts';
import { seriesGroups } from './vee/series-pass.ts';
import type { EvaluateOptions, RuleResult } from './types.ts';

export type { EvaluateOptions };
import type { RulePlan } from '../plan/rules.ts';
import { appliesTo, dqTables, FAILURES_SQL, QUARANTINE_SQL } from './dq-tables.ts';

export { appliesTo, dqTables } from './dq-tables.ts';

/**
 * Evaluates rules for one utility: each rule's failing rows are materialized once, then counted,
 * sampled, stored, and (for quarantine rules) moved out of the table. Thresholds decide the status.
 */
export async function evaluateRules(engine: Engine, rules: RulePlan[], ctx: Omit<RuleContext, 'previousTotal'>, opts: EvaluateOptions): Promise<RuleResult[]> {
  const { d } = ctx;
  await engine.run(FAILURES_SQL);
  await engine.run(QUARANTINE_SQL);
  const results: RuleResult[] = [];
  // Each applicable rule's SQL, built once (row_count compares against the previous run's total).
  const applicable = rules.filter((rule) => appliesTo(rule, ctx.utility));
  const groups = seriesGroups(applicable);
  const compiled = applicable.map((rule) => {
    const prev = opts.previous.get(`${ctx.utility}/${rule.name}`);
    return { rule, prev, sql: ruleSql(rule, { ...ctx, previousTotal: prev?.total, seriesGroup: (r) => groups.get(r) }) };
  });
  // Shared statements (a series pass) run before the first rule that reads them, and are dropped after the last.
  const sharedOf = (c: (typeof compiled)[number]) =>
    'skip' in c.sql || c.sql.kind !== 'rows' ? undefined : c.sql.shared;
  const lastUse = new Map<string, number>();
  compiled.forEach((c, i) => sharedOf(c)?.prepare.forEach((p) => lastUse.set(p, i)));
  const prepared = new Set<string>();
  const counted = await countBatched(engine, compiled.map((c) => ({ rule: c.rule.name, sql: c.sql })), ctx);
  // Tables a quarantine rule has removed rows from.
  const changed = new Set<string>();
  for (const [index, { rule, prev, sql }] of compiled.entries()) {
    const base = {
      rule: rule.name,
      table: rule.table,
      type: rule.type,
      utility: ctx.utility,
      action: rule.action,
      sample: [] as string[],
      previous: prev?.failing,
    };
    if ('skip' in sql) {
      results.push({ ...base, status: 'skipped', failing: 0, total: 0, percent: 0, detail: sql.skip });
      continue;
    }
    let failing: number;
    let total: number;
    let detail: string | undefined;
    let distinctKeys: number | undefined;
    let sample: string[] = [];
    if (sql.kind === 'aggregate') {
      const batched = changed.has(rule.table) ? undefined : counted.get(rule.name);
      const r = batched ?? (await engine.query<{ failing: number; total: bigint; detail?: string }>(sql.sql))[0];
      [failing, total, detail] = [Number(r.failing), Number(r.total), r.detail ?? undefined];
      if (detail === undefined && rule.type === 'row_count') detail = `${total.toLocaleString('en-US')} rows`;
    } else if (counted.get(rule.name)?.failing === 0 && !changed.has(rule.table)) {
      [failing, total] = [0, counted.get(rule.name)!.total];
    } else {
      // Failing rows are kept narrow (key and lineage) unless they are to be moved (quarantine)
      // or have no lineage to find them again by (stage tables).
      const lineage = sql.lineage !== false && hasLineage(rule, ctx);
      const narrow = rule.action !== 'quarantine' && lineage;
      for (const statement of sql.shared?.prepare ?? []) {
        if (prepared.has(statement)) continue;
        await engine.run(statement);
        prepared.add(statement);
      }
      for (const statement of sql.prepare ?? []) await engine.run(statement);
      const cols = [...new Set([...sql.keys, ...(narrow ? ['source_file', 'source_line'] : [])])].map(d.quoteIdent);
      const failingRows = narrow ? `SELECT ${cols.join(', ')} FROM (${sql.narrow ?? sql.failing}) f` : sql.failing;
      await engine.run(`CREATE OR REPLACE TEMP TABLE ${dqTables.failing} AS ${failingRows}`);
      const keys = sql.keys.map(d.quoteIdent).join(', ');
      const total0 = changed.has(rule.table) ? undefined : counted.get(rule.name)?.total;
      // Counts and the first distinct failing keys in one query
      // (NULLS LAST spelled out: DuckDB's default, not Spark's).
      const figures = [
        `(SELECT count(*) FROM ${dqTables.failing}) AS gf_failing`,
        `${total0 ?? `(SELECT count(*) FROM (${sql.scoped}) s)`} AS gf_total`,
        ...(keys ? [`(SELECT count(*) FROM (SELECT DISTINCT ${keys} FROM ${dqTables.failing}) k) AS gf_keys`] : []),
      ];
      const order = sql.keys.map((k) => `${d.quoteIdent(k)} NULLS LAST`).join(', ');
      const first = `SELECT DISTINCT ${keys} FROM ${dqTables.failing} ORDER BY ${order} LIMIT 5`;
      const rows = await engine.query<Record<string, unknown>>(
        keys
          ? `SELECT s.*, c.* FROM (SELECT ${figures.join(', ')}) c LEFT JOIN (${first}) s ON TRUE ORDER BY ${order}`
          : `SELECT ${figures.join(', ')}`,
      );
      const r = rows[0];
      [failing, total, distinctKeys] = [Number(r.gf_failing), Number(r.gf_total), keys ? Number(r.gf_keys) : undefined];
      if (failing > 0 && keys) sample = rows.map((row) => keyText(Object.fromEntries(sql.keys.map((k) => [k, row[k]]))));
      for (const statement of sql.cleanup ?? []) await engine.run(statement);
    }
    let status = statusOf(rule, failing, total);
    // A spike: more than spike_factor times the failing rows of the previous run (a rule that did
    // not fail before is judged by its thresholds alone).
    const spike = prev !== undefined && prev.failing > 0 && failing > opts.spikeFactor * prev.failing;
    if (spike) {
      detail = [detail, `spike: ${prev!.failing} → ${failing} failing since the previous run`].filter(Boolean).join('; ');
      if (status === 'pass') status = 'warn';
    }
    const percent = total ? (failing / total) * 100 : 0;
    const result: RuleResult = { ...base, status, failing, total, percent, distinctKeys, sample, detail, spike: spike || undefined };
    if (sql.kind === 'rows' && failing > 0) await storeFailing(engine, rule, result, ctx, opts, sql);
    // Rows moved out: the batched counts and shared passes of that table are out of date.
    if (result.quarantined) {
      changed.add(rule.table);
      prepared.clear();
    }
    results.push(result);
    const shared = sharedOf(compiled[index]);
    if (shared && shared.prepare.every((p) => lastUse.get(p) === index)) {
      for (const statement of shared.cleanup) await engine.run(statement);
      shared.prepare.forEach((p) => prepared.delete(p));
    }
  }
  // The last rule's failing rows and sample (each rule replaces them).
  for (const table of [dqTables.failing, dqTables.sample]) await engine.run(`DROP TABLE IF EXISTS ${table}`);
  return results;
}

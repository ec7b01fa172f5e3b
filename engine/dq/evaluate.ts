import type { Engine } from '../run/engine.ts';
import { ruleSql, type RuleContext } from './rule-sql.ts';
import { statusOf } from './thresholds.ts';
import type { RulePlan, RuleResult } from './types.ts';

/** Working tables of the checks: stored failing rows (a capped sample per rule) and quarantined rows. */
export const dqTables = { failing: 'gf_dq_failing', failures: 'gf_dq_failures', quarantine: 'gf_quarantine' };
export const FAILURES_SQL = `CREATE TEMP TABLE IF NOT EXISTS ${dqTables.failures} (utility_id VARCHAR, rule VARCHAR, "table" VARCHAR, status VARCHAR, source_file VARCHAR, source_line BIGINT, record VARCHAR)`;
export const QUARANTINE_SQL = `CREATE TEMP TABLE IF NOT EXISTS ${dqTables.quarantine} (utility_id VARCHAR, "table" VARCHAR, rule VARCHAR, reason VARCHAR, source_file VARCHAR, source_line BIGINT, record VARCHAR)`;

export interface EvaluateOptions {
  /** Failing rows kept per report-only rule. */
  sampleCap: number;
  spikeFactor: number;
  /** Previous run's result per `utility/rule`. */
  previous: Map<string, { failing: number; total: number }>;
  /** Run mode: the working table of a standardized table, where quarantined rows are deleted. */
  quarantineFrom?: (table: string) => string;
}

/**
 * Evaluates rules for one utility: each rule's failing rows are materialized once, then counted,
 * sampled, stored, and (for quarantine rules) moved out of the table. Thresholds decide the status.
 */
export async function evaluateRules(engine: Engine, rules: RulePlan[], ctx: Omit<RuleContext, 'previousTotal'>, opts: EvaluateOptions): Promise<RuleResult[]> {
  const { d } = ctx;
  await engine.run(FAILURES_SQL);
  await engine.run(QUARANTINE_SQL);
  const results: RuleResult[] = [];
  const counted = await countBatched(engine, rules, ctx);
  // Tables a quarantine rule has removed rows from: their batched counts are out of date.
  const changed = new Set<string>();
  for (const rule of rules) {
    if (!appliesTo(rule, ctx.utility)) continue;
    const prev = opts.previous.get(`${ctx.utility}/${rule.name}`);
    const base = { rule: rule.name, table: rule.table, type: rule.type, utility: ctx.utility, action: rule.action, sample: [] as string[], previous: prev?.failing };
    const sql = ruleSql(rule, { ...ctx, previousTotal: prev?.total });
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
      const [r] = await engine.query<{ failing: number; total: bigint; detail: string }>(sql.sql);
      [failing, total, detail] = [Number(r.failing), Number(r.total), r.detail ?? (rule.type === 'row_count' ? `${Number(r.total).toLocaleString('en-US')} rows` : undefined)];
    } else if (counted.get(rule.name)?.failing === 0 && !changed.has(rule.table)) {
      [failing, total] = [0, counted.get(rule.name)!.total];
    } else {
      // Failing rows are kept narrow (key and lineage) unless they are to be moved (quarantine)
      // or have no lineage to find them again by (stage tables).
      const narrow = rule.action !== 'quarantine' && hasLineage(rule, ctx);
      const cols = [...new Set([...sql.keys, ...(narrow ? ['source_file', 'source_line'] : [])])].map(d.quoteIdent);
      await engine.run(`CREATE OR REPLACE TEMP TABLE ${dqTables.failing} AS ${narrow ? `SELECT ${cols.join(', ')} FROM (${sql.failing}) f` : sql.failing}`);
      const keys = sql.keys.map(d.quoteIdent).join(', ');
      const total0 = changed.has(rule.table) ? undefined : counted.get(rule.name)?.total;
      const [r] = await engine.query<{ failing: bigint; total: bigint; keys: bigint }>(
        `SELECT (SELECT count(*) FROM ${dqTables.failing}) AS failing, ${total0 ?? `(SELECT count(*) FROM (${sql.scoped}) s)`} AS total${keys ? `, (SELECT count(*) FROM (SELECT DISTINCT ${keys} FROM ${dqTables.failing})) AS keys` : ''}`,
      );
      [failing, total, distinctKeys] = [Number(r.failing), Number(r.total), keys ? Number(r.keys) : undefined];
      if (failing > 0 && keys) sample = (await engine.query(`SELECT DISTINCT ${keys} FROM ${dqTables.failing} ORDER BY ${keys} LIMIT 5`)).map(keyText);
    }
    let status = statusOf(rule, failing, total);
    // A spike: more than spike_factor times the failing rows of the previous run (a rule that did
    // not fail before is judged by its thresholds alone).
    const spike = prev !== undefined && prev.failing > 0 && failing > opts.spikeFactor * prev.failing;
    if (spike) {
      detail = [detail, `spike: ${prev!.failing} → ${failing} failing since the previous run`].filter(Boolean).join('; ');
      if (status === 'pass') status = 'warn';
    }
    const result: RuleResult = { ...base, status, failing, total, percent: total ? (failing / total) * 100 : 0, distinctKeys, sample, detail, spike: spike || undefined };
    if (sql.kind === 'rows' && failing > 0) await storeFailing(engine, rule, result, ctx, opts, sql.scoped);
    if (result.quarantined) changed.add(rule.table);
    results.push(result);
  }
  await engine.run(`DROP TABLE IF EXISTS ${dqTables.failing}`);
  return results;
}

async function storeFailing(engine: Engine, rule: RulePlan, result: RuleResult, ctx: Omit<RuleContext, 'previousTotal'>, opts: EvaluateOptions, scoped: string) {
  const { d } = ctx;
  const lineage = hasLineage(rule, ctx) ? 'f.source_file, f.source_line' : 'NULL, NULL';
  const utility = d.string(ctx.utility);
  // The stored sample is the whole row: narrow failing rows are found again by their lineage.
  const rows =
    rule.action !== 'quarantine' && hasLineage(rule, ctx)
      ? `(SELECT * FROM (${scoped}) s WHERE (s.source_file, s.source_line) IN (SELECT source_file, source_line FROM ${dqTables.failing} ORDER BY 1, 2 LIMIT ${opts.sampleCap}))`
      : dqTables.failing;
  if (opts.sampleCap > 0)
    await engine.run(
      `INSERT INTO ${dqTables.failures} SELECT ${utility}, ${d.string(rule.name)}, ${d.string(rule.table)}, ${d.string(result.status)}, ${lineage}, ${d.rowJson('f')} FROM ${rows} f ORDER BY ${lineage === 'NULL, NULL' ? '1' : lineage} LIMIT ${opts.sampleCap}`,
    );
  if (rule.action !== 'quarantine' || !opts.quarantineFrom) return;
  const reason = d.string(`${rule.name}: ${rule.type}${rule.columns.length ? ` on ${rule.columns.join(', ')}` : ''}`);
  await engine.run(`INSERT INTO ${dqTables.quarantine} SELECT ${utility}, ${d.string(rule.table)}, ${d.string(rule.name)}, ${reason}, f.source_file, f.source_line, ${d.rowJson('f')} FROM ${dqTables.failing} f`);
  const std = opts.quarantineFrom(rule.table);
  await engine.run(`DELETE FROM ${std} WHERE EXISTS (SELECT 1 FROM ${dqTables.failing} f WHERE f.source_file = ${std}.source_file AND f.source_line = ${std}.source_line)`);
  result.quarantined = result.failing;
}

/**
 * Failing and in-scope counts of all simple row rules of one table in a single scan per table, so
 * passing rules cost one FILTER aggregate each instead of a pass over the data.
 */
async function countBatched(engine: Engine, rules: RulePlan[], ctx: Omit<RuleContext, 'previousTotal'>): Promise<Map<string, { failing: number; total: number }>> {
  const bySource = new Map<string, { rule: string; scope: string; cond: string }[]>();
  for (const rule of rules) {
    if (!appliesTo(rule, ctx.utility)) continue;
    const sql = ruleSql(rule, ctx);
    if ('skip' in sql || sql.kind !== 'rows' || !sql.batch) continue;
    const list = bySource.get(sql.batch.source) ?? [];
    list.push({ rule: rule.name, ...sql.batch });
    bySource.set(sql.batch.source, list);
  }
  const out = new Map<string, { failing: number; total: number }>();
  for (const [source, list] of bySource) {
    const aggs = list.flatMap((x, i) => [`count(*) FILTER (WHERE ${x.scope}) AS n${i}`, `count(*) FILTER (WHERE ${x.scope} AND (${x.cond})) AS f${i}`]);
    const [row] = await engine.query<Record<string, bigint>>(`SELECT ${aggs.join(', ')} FROM ${source} t WHERE t.utility_id = ${ctx.d.string(ctx.utility)}`);
    list.forEach((x, i) => out.set(x.rule, { failing: Number(row[`f${i}`]), total: Number(row[`n${i}`]) }));
  }
  return out;
}

/** `a/b/c` of a key row, timestamps in ISO form. */
function keyText(row: Record<string, unknown>): string {
  return Object.values(row)
    .map((v) => (v === null || v === undefined ? 'null' : v instanceof Date ? v.toISOString().replace('.000Z', 'Z') : String(v)))
    .join('/');
}

/** A rule applies to the utilities it names (all by default), except those that override it. */
export function appliesTo(rule: RulePlan, utility: string): boolean {
  return (!rule.utilities || rule.utilities.includes(utility)) && !rule.exceptUtilities?.includes(utility);
}

function hasLineage(rule: RulePlan, ctx: Omit<RuleContext, 'previousTotal'>): boolean {
  return ctx.columnsOf(rule.table, rule.beforeDedupe).includes('source_file');
}

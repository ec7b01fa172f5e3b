import type { Engine } from '../engines/engine.ts';
import { ruleSql, type RuleContext, type RuleSql } from './rule-sql.ts';
import { statusOf } from '../plan/thresholds.ts';
import { hasLineage, quarantineRows, storeSamples, takeSamples, type Sampled } from './failing-rows.ts';
import { countBatched, type Counted } from './batch-counts.ts';
import { queryFigures, type Figures } from './figures.ts';
import { seriesGroups } from './vee/series-pass.ts';
import type { EvaluateOptions, RuleResult } from './types.ts';

export type { EvaluateOptions };
import type { RulePlan } from '../plan/rules.ts';
import { appliesTo, dqTables, FAILURES_SQL, QUARANTINE_SQL } from './dq-tables.ts';

export { appliesTo, dqTables } from './dq-tables.ts';

type Ctx = Omit<RuleContext, 'previousTotal'>;
type RowsSql = Extract<RuleSql, { kind: 'rows' }>;

/** A rule with its SQL, built once, and its position among the utility's applicable rules. */
interface Compiled {
  index: number;
  rule: RulePlan;
  prev?: { failing: number; total: number };
  sql: RuleSql | { skip: string };
}

/** What the rules of one phase share while they are checked. */
interface Phase {
  engine: Engine;
  ctx: Ctx;
  opts: EvaluateOptions;
  counted: Map<string, Counted>;
  /** Tables a quarantine rule has removed rows from: their batched counts and shared passes are out of date. */
  changed: Set<string>;
  /** Shared statements (a series pass) run, and not out of date. */
  prepared: Set<string>;
  /** The samples' parts of the phase's one INSERT into the failures. */
  samples: string[];
  /** Working tables dropped once the phase is done (one statement). */
  drops: Set<string>;
}

/**
 * Evaluates rules for one utility. Passing simple rules are known from their table's one batched
 * scan; the other rules' failing rows are materialized once per rule, then the counts and first
 * keys of all of them come from one query, their samples are taken, and stored at the end in one
 * INSERT. A quarantine rule is checked on its own (it moves its rows out of the table, so the rules
 * after it see the table without them). Thresholds decide the status.
 */
export async function evaluateRules(
  engine: Engine,
  rules: RulePlan[],
  ctx: Ctx,
  opts: EvaluateOptions,
): Promise<RuleResult[]> {
  await engine.run(`${FAILURES_SQL};\n${QUARANTINE_SQL}`);
  // Each applicable rule's SQL, built once (row_count compares against the previous run's total).
  const applicable = rules.filter((rule) => appliesTo(rule, ctx.utility));
  const groups = seriesGroups(applicable);
  const compiled: Compiled[] = applicable.map((rule, index) => {
    const prev = opts.previous.get(`${ctx.utility}/${rule.name}`);
    const seriesGroup = (r: RulePlan) => groups.get(r);
    return { index, rule, prev, sql: ruleSql(rule, { ...ctx, previousTotal: prev?.total, seriesGroup }) };
  });
  const counted = await countBatched(engine, compiled.map((c) => ({ rule: c.rule.name, sql: c.sql })), ctx);
  const [changed, prepared, drops] = [new Set<string>(), new Set<string>(), new Set<string>()];
  const phase: Phase = { engine, ctx, opts, counted, changed, prepared, samples: [], drops };
  // In rule order, by position (a batch's results are known after those of later rules without rows).
  const results: RuleResult[] = [];
  let batch: Compiled[] = [];
  // A batch's failing rows and own working tables are dropped with the phase's samples, or at once
  // when another batch follows (its shared ones stay for later rules).
  const flush = async (last = false) => {
    if (!batch.length) return;
    const { checked, drops } = await checkBatch(phase, batch);
    checked.forEach((r, i) => (results[batch[i].index] = r));
    if (last) drops.forEach((x) => phase.drops.add(x));
    else await engine.run(drops.join(';\n'));
    batch = [];
  };
  for (const c of compiled) {
    const sql = c.sql;
    const known = 'skip' in sql ? skipped(phase, c, sql.skip) : await withoutRows(phase, c, sql);
    if (known) {
      results[c.index] = known;
      continue;
    }
    const rows = sql as RowsSql;
    // Gaps' working tables have fixed names: a second gaps rule waits for the first one's figures.
    const clash = rows.prepare?.length && batch.some((b) => (b.sql as RowsSql).prepare?.length);
    if (c.rule.action === 'quarantine' || clash) await flush();
    batch.push(c);
    if (c.rule.action === 'quarantine') await flush();
  }
  await flush(true);
  await storeSamples(engine, phase.samples);
  if (phase.drops.size) await engine.run([...phase.drops].join(';\n'));
  return results;
}

/** The result of a skipped rule. */
function skipped(phase: Phase, c: Compiled, detail: string): RuleResult {
  return { ...about(phase, c), status: 'skipped', failing: 0, total: 0, percent: 0, detail };
}

/** What a result says of its rule before it is checked. */
function about(phase: Phase, c: Compiled) {
  const { rule, prev } = c;
  const base = { rule: rule.name, table: rule.table, type: rule.type, utility: phase.ctx.utility, action: rule.action };
  return { ...base, sample: [] as string[], previous: prev?.failing };
}

/**
 * The result of a rule known without its failing rows: an aggregate rule (from the batched scan, or
 * its own query once a quarantine changed its table), or a simple rule the batched scan found passing.
 */
async function withoutRows(phase: Phase, c: Compiled, sql: RuleSql): Promise<RuleResult | undefined> {
  const counted = phase.changed.has(c.rule.table) ? undefined : phase.counted.get(c.rule.name);
  if (sql.kind === 'aggregate') {
    type Row = { failing: number; total: bigint; detail?: string };
    const r = counted ?? (await phase.engine.query<Row>(sql.sql))[0];
    let detail = r.detail ?? undefined;
    if (detail === undefined && c.rule.type === 'row_count') detail = `${Number(r.total).toLocaleString('en-US')} rows`;
    return judged(phase, c, { failing: Number(r.failing), total: Number(r.total), sample: [] }, detail);
  }
  if (counted?.failing === 0) return judged(phase, c, { failing: 0, total: counted.total, sample: [] });
  return undefined;
}

/** A rule's result from its figures: its status by its thresholds, and a spike against the previous run. */
function judged(phase: Phase, c: Compiled, figures: Figures, detail?: string): RuleResult {
  const { failing, total } = figures;
  const { prev } = c;
  let status = statusOf(c.rule, failing, total);
  // A spike: more than spike_factor times the failing rows of the previous run (a rule that did
  // not fail before is judged by its thresholds alone).
  const spike = prev !== undefined && prev.failing > 0 && failing > phase.opts.spikeFactor * prev.failing;
  if (spike) {
    const since = `spike: ${prev.failing} → ${failing} failing since the previous run`;
    detail = [detail, since].filter(Boolean).join('; ');
    if (status === 'pass') status = 'warn';
  }
  const percent = total ? (failing / total) * 100 : 0;
  const { distinctKeys, sample } = figures;
  const found = { status, failing, total, percent, distinctKeys, sample, detail };
  return { ...about(phase, c), ...found, spike: spike || undefined };
}

/**
 * Checks rules whose failing rows are needed: the shared and own working tables first, each rule's
 * failing rows (kept narrow — key and lineage — unless they are to be moved, for quarantine, or have
 * no lineage to find them again by, stage tables), the figures of all of them in one query, then
 * the samples of the failing ones (and a quarantine rule's move).
 */
async function checkBatch(phase: Phase, batch: Compiled[]): Promise<{ checked: RuleResult[]; drops: string[] }> {
  const { engine, ctx } = phase;
  const d = ctx.d;
  for (const c of batch) {
    const sql = c.sql as RowsSql;
    for (const statement of sql.shared?.prepare ?? []) {
      if (phase.prepared.has(statement)) continue;
      await engine.run(statement);
      phase.prepared.add(statement);
    }
    for (const statement of sql.prepare ?? []) await engine.run(statement);
    const lineage = sql.lineage !== false && hasLineage(c.rule, ctx);
    const narrow = c.rule.action !== 'quarantine' && lineage;
    const cols = [...new Set([...sql.keys, ...(narrow ? ['source_file', 'source_line'] : [])])].map(d.quoteIdent);
    const failingRows = narrow ? `SELECT ${cols.join(', ')} FROM (${sql.narrow ?? sql.failing}) f` : sql.failing;
    await engine.run(`CREATE OR REPLACE TEMP TABLE ${dqTables.failing(c.index)} AS ${failingRows}`);
  }
  const figures = await queryFigures(engine, d, batch.map((c) => {
    const sql = c.sql as RowsSql;
    const counted = phase.changed.has(c.rule.table) ? undefined : phase.counted.get(c.rule.name)?.total;
    const total = counted === undefined ? `(SELECT count(*) FROM (${sql.scoped}) s)` : String(counted);
    return { failing: dqTables.failing(c.index), keys: sql.keys, total };
  }));
  const checked = batch.map((c, i) => judged(phase, c, figures[i]));
  const sampled: Sampled[] = batch.flatMap((c, i) => {
    const tables = { failing: dqTables.failing(c.index), sample: dqTables.sample(c.index) };
    return checked[i].failing > 0 ? [{ rule: c.rule, result: checked[i], sql: c.sql as RowsSql, tables }] : [];
  });
  const samples = await takeSamples(engine, sampled, ctx, phase.opts);
  phase.samples.push(...samples.parts);
  samples.tables.forEach((t) => phase.drops.add(`DROP TABLE IF EXISTS ${t}`));
  for (const s of sampled) {
    await quarantineRows(engine, s.rule, s.result, ctx, phase.opts, s.sql, s.tables.failing);
    // Rows moved out: the batched counts and shared passes of that table are out of date.
    if (s.result.quarantined) {
      phase.changed.add(s.rule.table);
      phase.prepared.clear();
    }
  }
  const drops: string[] = [];
  for (const c of batch) {
    const sql = c.sql as RowsSql;
    drops.push(`DROP TABLE IF EXISTS ${dqTables.failing(c.index)}`, ...(sql.cleanup ?? []));
    for (const statement of sql.shared?.cleanup ?? []) phase.drops.add(statement);
  }
  return { checked, drops: [...new Set(drops)] };
}

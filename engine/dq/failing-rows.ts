import type { Engine } from '../engines/engine.ts';
import type { RuleContext } from './rule-sql.ts';
import type { EvaluateOptions, RuleResult } from './types.ts';
import type { RulePlan } from '../plan/rules.ts';
import { loadModelTable, type ModelColumn } from '../model/common-model.ts';
import type { SqlType } from '../model/sql-type.ts';
import { accessPolicy, maskedColumns } from '../stages/usage-interval-sql.ts';
import { dqTables } from './dq-tables.ts';

/** What storing a rule's failing rows needs of its SQL. */
export interface StoredSql {
  scoped: string;
  keys: string[];
  lineage?: boolean;
  columns?: string[];
}

/** A rule's working tables: its failing rows and its sample. */
export interface RuleTables {
  failing: string;
  sample: string;
}

/** A failing rule whose sample is to be stored. */
export interface Sampled {
  rule: RulePlan;
  result: RuleResult;
  sql: StoredSql;
  tables: RuleTables;
}

/**
 * How a rule's sample is stored: failing rows that are not rows of the table (VEE gaps: meter-days)
 * are stored whole, without lineage, the first ones by their keys; rows of the table by lineage,
 * with the table's own columns only (never the engine's `__` ones), and at the external level its
 * PII-tagged columns masked. `again`: narrow failing rows, found again in the table by lineage.
 */
function shapeOf(rule: RulePlan, ctx: Omit<RuleContext, 'previousTotal'>, sql: StoredSql) {
  const { d } = ctx;
  const tableRows = sql.lineage !== false;
  const found = tableRows && hasLineage(rule, ctx);
  const byKeys = !tableRows && sql.keys.length ? sql.keys.map((k) => `f.${d.quoteIdent(k)}`).join(', ') : undefined;
  const order = found ? ' ORDER BY f.source_file, f.source_line' : byKeys ? ` ORDER BY ${byKeys}` : '';
  // Rows of the rule's own shape (VEE gaps: meter-days) carry the table's identifiers too: masked
  // by their names at the external level.
  const levels = tableRows
    ? recordColumns(rule, ctx)
    : { internal: ['*'], external: externalColumns(rule, ctx, sql.columns ?? []) };
  return { tableRows, found, order, levels, again: rule.action !== 'quarantine' && found };
}

/**
 * The part of the phase's one INSERT into the failures that stores a rule's sample (the rows of
 * `sample`, at full values) at both levels: the internal level (full values, for
 * `internal/dq/failures`) and the external level (PII masked as the Product's `x-access` says, for
 * `dq/failures`), each in the sample's order.
 */
function levelParts(
  s: Sampled,
  ctx: Omit<RuleContext, 'previousTotal'>,
  sample: string,
  shape: ReturnType<typeof shapeOf>,
): string {
  const { d } = ctx;
  const { tableRows, found, order, levels } = shape;
  const utility = d.string(ctx.utility);
  const table = `${d.string(s.rule.table)} AS ${d.quoteIdent('table')}`;
  const about = `${d.string(s.rule.name)} AS rule, ${table}, ${d.string(s.result.status)} AS status`;
  const from = found
    ? 'f.source_file AS source_file, f.source_line AS source_line'
    : 'NULL AS source_file, NULL AS source_line';
  const level = ([name, cols]: [string, string[]]) => {
    const projected = `(SELECT ${cols.join(', ')} FROM ${sample}) f`;
    const json = d.rowJson('f', tableRows ? recordTypes(s.rule, ctx, name) : undefined);
    const values = `${utility} AS utility_id, ${d.string(name)} AS level, ${about}, ${from}, ${json} AS record`;
    return `SELECT * FROM (SELECT ${values} FROM ${projected}${order}) ${name}_rows`;
  };
  return Object.entries(levels).map(level).join('\nUNION ALL\n');
}

/**
 * Takes capped samples of failing rules into working tables, at full values, and returns the parts
 * of the phase's one INSERT that store them. Narrow failing rows (key and lineage) of rules over the
 * same rows in scope are found again in one scan of them, into one table (`gf_rule`: the rule's
 * part); the others are taken from their failing rows, each into its own table. Nothing when no
 * samples are kept.
 */
export async function takeSamples(
  engine: Engine,
  sampled: Sampled[],
  ctx: Omit<RuleContext, 'previousTotal'>,
  opts: EvaluateOptions,
): Promise<{ parts: string[]; tables: string[] }> {
  if (opts.sampleCap <= 0) return { parts: [], tables: [] };
  const cap = opts.sampleCap;
  const parts = new Map<Sampled, string>();
  const tables: string[] = [];
  const byScope = new Map<string, Sampled[]>();
  const shapes = new Map(sampled.map((s) => [s, shapeOf(s.rule, ctx, s.sql)]));
  for (const s of sampled) {
    const shape = shapes.get(s)!;
    if (shape.again) {
      byScope.set(s.sql.scoped, [...(byScope.get(s.sql.scoped) ?? []), s]);
      continue;
    }
    const sample = `SELECT ${shape.levels.internal.join(', ')} FROM ${s.tables.failing} f${shape.order} LIMIT ${cap}`;
    await engine.run(`CREATE OR REPLACE TEMP TABLE ${s.tables.sample} AS ${sample}`);
    tables.push(s.tables.sample);
    parts.set(s, levelParts(s, ctx, s.tables.sample, shape));
  }
  for (const [scoped, group] of byScope) {
    // The group's table is named after its first rule; each rule's lines are its first ones.
    const table = group[0].tables.sample;
    const first = (s: Sampled, i: number) => `SELECT DISTINCT ${i} AS gf_rule, source_file, source_line FROM
  (SELECT source_file, source_line FROM ${s.tables.failing} ORDER BY 1, 2 LIMIT ${cap}) l${i}`;
    const lines = group.map(first).join('\nUNION ALL\n');
    const columns = shapes.get(group[0])!.levels.internal.map((c) => `s.${c}`);
    const on = 's.source_file = k.source_file AND s.source_line = k.source_line';
    const sql = `SELECT k.gf_rule, ${columns.join(', ')} FROM (${scoped}) s JOIN (${lines}) k ON ${on}`;
    await engine.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}`);
    tables.push(table);
    group.forEach((s, i) => {
      const own = `(SELECT * FROM ${table} WHERE gf_rule = ${i}) g`;
      parts.set(s, levelParts(s, ctx, own, shapes.get(s)!));
    });
  }
  return { parts: sampled.filter((s) => parts.has(s)).map((s) => parts.get(s)!), tables };
}

/** The samples of a phase's failing rules (`takeSamples`' parts) stored in one INSERT. */
export async function storeSamples(engine: Engine, parts: string[]): Promise<void> {
  if (parts.length) await engine.run(`INSERT INTO ${dqTables.failures} ${parts.join('\nUNION ALL\n')}`);
}

/** Moves a quarantine rule's failing rows (whole rows, in `failing`) out of the table, into the quarantine. */
export async function quarantineRows(
  engine: Engine,
  rule: RulePlan,
  result: RuleResult,
  ctx: Omit<RuleContext, 'previousTotal'>,
  opts: EvaluateOptions,
  sql: StoredSql,
  failing: string,
): Promise<void> {
  if (rule.action !== 'quarantine' || !opts.quarantineFrom) return;
  const { d } = ctx;
  const { tableRows, levels } = shapeOf(rule, ctx, sql);
  const reason = d.string(`${rule.name}: ${rule.type}${rule.columns.length ? ` on ${rule.columns.join(', ')}` : ''}`);
  const record = `(SELECT ${levels.internal.join(', ')} FROM ${failing}) f`;
  const json = d.rowJson('f', tableRows ? recordTypes(rule, ctx, 'internal') : undefined);
  const about = `${d.string(rule.table)}, ${d.string(rule.name)}, ${reason}`;
  const values = `${d.string(ctx.utility)}, ${about}, f.source_file, f.source_line, ${json}`;
  await engine.run(`INSERT INTO ${dqTables.quarantine} SELECT ${values} FROM ${record}`);
  const std = opts.quarantineFrom(rule.table);
  const same = `f.source_file = ${std}.source_file AND f.source_line = ${std}.source_line`;
  await engine.run(`DELETE FROM ${std} WHERE EXISTS (SELECT 1 FROM ${failing} f WHERE ${same})`);
  result.quarantined = result.failing;
}

/**
 * The SELECT lists of a stored row, by access level: the checked table's columns (never an engine
 * `__` column), and at the external level its PII-tagged columns masked.
 */
export function recordColumns(
  rule: RulePlan,
  ctx: Omit<RuleContext, 'previousTotal'>,
): { internal: string[]; external: string[] } {
  const names = [...new Set(ctx.columnsOf(rule.table, rule.beforeDedupe))].filter((c) => !c.startsWith('__'));
  return { internal: names.map(ctx.d.quoteIdent), external: externalColumns(rule, ctx, names) };
}

/** Columns of a stored row at the external level: those named like a PII-tagged column of the checked table masked. */
function externalColumns(rule: RulePlan, ctx: Omit<RuleContext, 'previousTotal'>, names: string[]): string[] {
  const model = loadModelTable(rule.table);
  const columns = names.map((name) => model.columns.find((c) => c.name === name) ?? { name });
  // Without the pseudonym key (`gridflow dq`, which stores no samples) identifiers are redacted instead.
  const policy = accessPolicy();
  const external = ctx.pseudonym ? policy : Object.fromEntries(
    Object.entries(policy).map(([tag, rule]) => [tag, rule === 'pseudonym' ? 'redact' : rule]),
  );
  return maskedColumns(ctx.d, columns, external, ctx.pseudonym);
}

/**
 * The stored columns of `recordColumns` with their model types, for engines whose JSON text depends
 * on them (Spark); a column masked at the level is text.
 */
function recordTypes(rule: RulePlan, ctx: Omit<RuleContext, 'previousTotal'>, level: string): [string, SqlType?][] {
  const names = [...new Set(ctx.columnsOf(rule.table, rule.beforeDedupe))].filter((c) => !c.startsWith('__'));
  const model = loadModelTable(rule.table);
  const policy = accessPolicy();
  const masked = (c: ModelColumn | undefined) =>
    level !== 'internal' && c?.pii !== undefined && policy[c.pii] !== undefined;
  return names.map((name) => {
    const c = model.columns.find((m) => m.name === name);
    return [name, masked(c) ? 'string' : c?.type];
  });
}

/** Whether the checked table carries lineage (source_file, source_line) to find rows again by. */
export function hasLineage(rule: RulePlan, ctx: Omit<RuleContext, 'previousTotal'>): boolean {
  return ctx.columnsOf(rule.table, rule.beforeDedupe).includes('source_file');
}

/** `a/b/c` of a key row, timestamps in ISO form. */
export function keyText(row: Record<string, unknown>): string {
  return Object.values(row)
    .map((v) => (v === null || v === undefined ? 'null' : v instanceof Date ? v.toISOString().replace('.000Z', 'Z') : String(v)))
    .join('/');
}

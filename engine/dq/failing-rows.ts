import type { Engine } from '../engines/engine.ts';
import type { RuleContext } from './rule-sql.ts';
import type { EvaluateOptions, RuleResult } from './types.ts';
import type { RulePlan } from '../plan/rules.ts';
import { loadModelTable, type ModelColumn } from '../model/common-model.ts';
import type { SqlType } from '../model/sql-type.ts';
import { accessPolicy, maskedColumns } from '../stages/usage-interval-sql.ts';
import { dqTables } from './dq-tables.ts';

/**
 * Stores a capped sample of a rule's failing rows, and moves them out for quarantine rules. The
 * sample is kept twice: at the internal level (full values, for `internal/dq/failures`) and at
 * the external level (PII masked as the Product's `x-access` says, for `dq/failures`). Both, and
 * the quarantined rows, hold the checked table's own columns only: never the engine's `__` ones.
 */
export async function storeFailing(
  engine: Engine,
  rule: RulePlan,
  result: RuleResult,
  ctx: Omit<RuleContext, 'previousTotal'>,
  opts: EvaluateOptions,
  sql: { scoped: string; keys: string[]; lineage?: boolean; columns?: string[] },
) {
  const { d } = ctx;
  // Failing rows that are not rows of the table (VEE gaps: meter-days) are stored whole, without
  // lineage, the first ones by their keys.
  const tableRows = sql.lineage !== false;
  const found = tableRows && hasLineage(rule, ctx);
  const lineage = found ? 'f.source_file, f.source_line' : 'NULL, NULL';
  const byKeys = !tableRows && sql.keys.length ? sql.keys.map((k) => `f.${d.quoteIdent(k)}`).join(', ') : undefined;
  const order = found ? ` ORDER BY ${lineage}` : byKeys ? ` ORDER BY ${byKeys}` : '';
  const utility = d.string(ctx.utility);
  let levels = tableRows ? recordColumns(rule, ctx) : { internal: ['*'], external: ['*'] };
  // The stored sample is the whole row: narrow failing rows are found again by their lineage.
  const again = `SELECT source_file, source_line FROM ${dqTables.failing} ORDER BY 1, 2 LIMIT ${opts.sampleCap}`;
  const rows =
    rule.action !== 'quarantine' && found
      ? `(SELECT * FROM (${sql.scoped}) s WHERE (s.source_file, s.source_line) IN (${again}))`
      : dqTables.failing;
  if (opts.sampleCap > 0) {
    // The sample is taken once (at full values), then stored at each level.
    const internal = levels.internal.join(', ');
    const sample = `SELECT ${internal} FROM ${rows} f${order} LIMIT ${opts.sampleCap}`;
    await engine.run(`CREATE OR REPLACE TEMP TABLE ${dqTables.sample} AS ${sample}`);
    // Rows of the rule's own shape (VEE gaps: meter-days) carry the table's identifiers too: masked
    // by their names at the external level.
    if (!tableRows) levels = { internal: ['*'], external: externalColumns(rule, ctx, sql.columns ?? []) };
    // Both levels in one statement, each in the sample's order.
    const about = `${d.string(rule.name)} AS rule, ${d.string(rule.table)} AS ${d.quoteIdent('table')}, ${d.string(result.status)} AS status`;
    const from = found ? 'f.source_file AS source_file, f.source_line AS source_line' : 'NULL AS source_file, NULL AS source_line';
    const level = ([name, cols]: [string, string[]]) => {
      const projected = `(SELECT ${cols.join(', ')} FROM ${dqTables.sample}) f`;
      const json = d.rowJson('f', tableRows ? recordTypes(rule, ctx, name) : undefined);
      const values = `${utility} AS utility_id, ${d.string(name)} AS level, ${about}, ${from}, ${json} AS record`;
      return `SELECT * FROM (SELECT ${values} FROM ${projected}${order}) ${name}_rows`;
    };
    await engine.run(`INSERT INTO ${dqTables.failures} ${Object.entries(levels).map(level).join('\nUNION ALL\n')}`);
  }
  if (rule.action !== 'quarantine' || !opts.quarantineFrom) return;
  const reason = d.string(`${rule.name}: ${rule.type}${rule.columns.length ? ` on ${rule.columns.join(', ')}` : ''}`);
  const record = `(SELECT ${levels.internal.join(', ')} FROM ${dqTables.failing}) f`;
  const json = d.rowJson('f', tableRows ? recordTypes(rule, ctx, 'internal') : undefined);
  const about = `${d.string(rule.table)}, ${d.string(rule.name)}, ${reason}`;
  const values = `${utility}, ${about}, f.source_file, f.source_line, ${json}`;
  await engine.run(`INSERT INTO ${dqTables.quarantine} SELECT ${values} FROM ${record}`);
  const std = opts.quarantineFrom(rule.table);
  await engine.run(`DELETE FROM ${std} WHERE EXISTS (SELECT 1 FROM ${dqTables.failing} f WHERE f.source_file = ${std}.source_file AND f.source_line = ${std}.source_line)`);
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

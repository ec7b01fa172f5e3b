import type { Engine } from '../engines/engine.ts';
import type { RuleContext } from './rule-sql.ts';
import type { EvaluateOptions, RuleResult } from './types.ts';
import type { RulePlan } from '../plan/rules.ts';
import { dqTables } from './dq-tables.ts';

/** Stores a capped sample of a rule's failing rows, and moves them out for quarantine rules. */
export async function storeFailing(engine: Engine, rule: RulePlan, result: RuleResult, ctx: Omit<RuleContext, 'previousTotal'>, opts: EvaluateOptions, sql: { scoped: string; keys: string[]; lineage?: boolean }) {
  const { d } = ctx;
  const scoped = sql.scoped;
  // Failing rows that are not rows of the table (VEE gaps: meter-days) are stored whole, without
  // lineage, the first ones by their keys.
  const found = sql.lineage !== false && hasLineage(rule, ctx);
  const lineage = found ? 'f.source_file, f.source_line' : 'NULL, NULL';
  const byKeys = sql.lineage === false && sql.keys.length ? sql.keys.map((k) => `f.${d.quoteIdent(k)}`).join(', ') : undefined;
  const order = found ? lineage : (byKeys ?? '1');
  const utility = d.string(ctx.utility);
  // The stored sample is the whole row: narrow failing rows are found again by their lineage.
  const rows =
    rule.action !== 'quarantine' && found
      ? `(SELECT * FROM (${scoped}) s WHERE (s.source_file, s.source_line) IN (SELECT source_file, source_line FROM ${dqTables.failing} ORDER BY 1, 2 LIMIT ${opts.sampleCap}))`
      : dqTables.failing;
  if (opts.sampleCap > 0)
    await engine.run(
      `INSERT INTO ${dqTables.failures} SELECT ${utility}, ${d.string(rule.name)}, ${d.string(rule.table)}, ${d.string(result.status)}, ${lineage}, ${d.rowJson('f')} FROM ${rows} f ORDER BY ${order} LIMIT ${opts.sampleCap}`,
    );
  if (rule.action !== 'quarantine' || !opts.quarantineFrom) return;
  const reason = d.string(`${rule.name}: ${rule.type}${rule.columns.length ? ` on ${rule.columns.join(', ')}` : ''}`);
  await engine.run(`INSERT INTO ${dqTables.quarantine} SELECT ${utility}, ${d.string(rule.table)}, ${d.string(rule.name)}, ${reason}, f.source_file, f.source_line, ${d.rowJson('f')} FROM ${dqTables.failing} f`);
  const std = opts.quarantineFrom(rule.table);
  await engine.run(`DELETE FROM ${std} WHERE EXISTS (SELECT 1 FROM ${dqTables.failing} f WHERE f.source_file = ${std}.source_file AND f.source_line = ${std}.source_line)`);
  result.quarantined = result.failing;
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

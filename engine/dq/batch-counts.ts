import type { Engine } from '../engines/engine.ts';
import type { RuleContext, RuleSql } from './rule-sql.ts';

/**
 * Failing and in-scope counts of all simple row rules of one table in a single scan per table, so
 * passing rules cost one FILTER aggregate each instead of a pass over the data.
 */
export async function countBatched(engine: Engine, compiled: { rule: string; sql: RuleSql | { skip: string } }[], ctx: Omit<RuleContext, 'previousTotal'>): Promise<Map<string, { failing: number; total: number }>> {
  const bySource = new Map<string, { rule: string; scope: string; cond: string }[]>();
  for (const { rule, sql } of compiled) {
    if ('skip' in sql || sql.kind !== 'rows' || !sql.batch) continue;
    const list = bySource.get(sql.batch.source) ?? [];
    list.push({ rule, ...sql.batch });
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

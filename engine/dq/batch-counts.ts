import type { Engine } from '../engines/engine.ts';
import type { AggregateBatch, RuleContext, RuleSql } from './rule-sql.ts';

/** A rule's figures from the batched scan: the aggregate rules' `detail` too. */
export interface Counted {
  failing: number;
  total: number;
  detail?: string;
}

type Part = { rule: string } & ({ scope: string; cond: string } | { aggregate: AggregateBatch });

/**
 * Failing and in-scope counts of all simple row rules of one table, and the figures of its aggregate
 * rules (row_count, freshness), in a single scan per table: passing rules cost one FILTER aggregate
 * each instead of a pass over the data, and one query per table instead of one per rule.
 */
export async function countBatched(
  engine: Engine,
  compiled: { rule: string; sql: RuleSql | { skip: string } }[],
  ctx: Omit<RuleContext, 'previousTotal'>,
): Promise<Map<string, Counted>> {
  const bySource = new Map<string, Part[]>();
  const add = (source: string, part: Part) => bySource.set(source, [...(bySource.get(source) ?? []), part]);
  for (const { rule, sql } of compiled) {
    if ('skip' in sql || !sql.batch) continue;
    if (sql.kind === 'rows') add(sql.batch.source, { rule, scope: sql.batch.scope, cond: sql.batch.cond });
    else add(sql.batch.source, { rule, aggregate: sql.batch });
  }
  const out = new Map<string, Counted>();
  for (const [source, list] of bySource) {
    const inner: string[] = [];
    const outer: string[] = [];
    list.forEach((x, i) => {
      if ('cond' in x) {
        inner.push(
          `count(*) FILTER (WHERE ${x.scope}) AS n${i}`,
          `count(*) FILTER (WHERE ${x.scope} AND (${x.cond})) AS f${i}`,
        );
        outer.push(`n${i}`, `f${i}`);
        return;
      }
      const { scope, values, result } = x.aggregate;
      for (const [name, agg] of Object.entries(values)) inner.push(`${agg} FILTER (WHERE ${scope}) AS a${i}_${name}`);
      const r = result((name) => `a${i}_${name}`);
      outer.push(`${r.failing} AS f${i}`, `${r.total} AS n${i}`, `${r.detail} AS d${i}`);
    });
    const scan = `SELECT ${inner.join(', ')} FROM ${source} t WHERE t.utility_id = ${ctx.d.string(ctx.utility)}`;
    const [row] = await engine.query<Record<string, unknown>>(`SELECT ${outer.join(', ')} FROM (${scan}) a`);
    list.forEach((x, i) => {
      const detail = row[`d${i}`];
      const counted = { failing: Number(row[`f${i}`]), total: Number(row[`n${i}`]) };
      out.set(x.rule, { ...counted, detail: detail == null ? undefined : String(detail) });
    });
  }
  return out;
}

import type { Engine } from '../engines/engine.ts';
import type { AggregateBatch, RuleContext, RuleSql } from './rule-sql.ts';

/**
 * A rule's figures from the batched scan: the aggregate rules' `detail` too; `failing` is undefined
 * for a rule counted there only for its rows in scope (its failing rows need a query of their own).
 */
export interface Counted {
  failing?: number;
  total: number;
  detail?: string;
}

type Part = { rule: string } & ({ scope: string; cond?: string } | { aggregate: AggregateBatch });

/**
 * Failing and in-scope counts of all simple row rules of one table, and the figures of its aggregate
 * rules (row_count, freshness), in a single scan per table: passing rules cost one FILTER aggregate
 * each instead of a pass over the data; the tables' scans (one row each) are one query.
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
  // Rules whose failing rows need their own query are counted in scope where their table is scanned anyway.
  for (const { rule, sql } of compiled) {
    if ('skip' in sql || sql.kind !== 'rows' || sql.batch || !sql.inScope) continue;
    if (bySource.has(sql.inScope.source)) add(sql.inScope.source, { rule, scope: sql.inScope.scope });
  }
  if (!bySource.size) return new Map();
  // Parts are numbered across tables, so that the tables' one-row scans combine into one query.
  const parts = [...bySource.values()].flat();
  const scans = [...bySource].map(([source, list], j) => {
    const inner = list.flatMap((x) => innerOf(x, parts.indexOf(x)));
    return `(SELECT ${inner.join(', ')} FROM ${source} t WHERE t.utility_id = ${ctx.d.string(ctx.utility)}) s${j}`;
  });
  const outer = parts.flatMap(outerOf);
  const sql = `SELECT ${outer.join(', ')} FROM ${scans.join(' CROSS JOIN ')}`;
  const [row] = await engine.query<Record<string, unknown>>(sql);
  const out = new Map<string, Counted>();
  parts.forEach((x, i) => {
    const detail = row[`d${i}`];
    const failing = row[`f${i}`] === undefined ? undefined : Number(row[`f${i}`]);
    out.set(x.rule, { failing, total: Number(row[`n${i}`]), detail: detail == null ? undefined : String(detail) });
  });
  return out;
}

/** A part's aggregates over its table's rows (in the table's scan). */
function innerOf(x: Part, i: number): string[] {
  if ('scope' in x) {
    const n = `count(*) FILTER (WHERE ${x.scope}) AS n${i}`;
    return x.cond === undefined ? [n] : [n, `count(*) FILTER (WHERE ${x.scope} AND (${x.cond})) AS f${i}`];
  }
  const { scope, values } = x.aggregate;
  return Object.entries(values).map(([name, agg]) => `${agg} FILTER (WHERE ${scope}) AS a${i}_${name}`);
}

/** A part's figures from its aggregates: `n` (in scope), `f` (failing) and `d` (detail, aggregate rules). */
function outerOf(x: Part, i: number): string[] {
  if ('scope' in x) return x.cond === undefined ? [`n${i}`] : [`n${i}`, `f${i}`];
  const r = x.aggregate.result((name) => `a${i}_${name}`);
  return [`${r.failing} AS f${i}`, `${r.total} AS n${i}`, `${r.detail} AS d${i}`];
}

/**
 * Data-quality rules with action `fail` or `quarantine` as Delta Live Tables expectations, one
 * materialized view per standardized table over the table the job wrote: `quarantine` drops the
 * failing rows (ON VIOLATION DROP ROW), `fail` stops the update (ON VIOLATION FAIL UPDATE). A rule
 * becomes an expectation only when its failing rows are a condition on one row of the published
 * table (dq/rule-sql.ts `batch`), with no threshold and no bound relative to the run date; every
 * other rule is listed with the reason it is not expressed.
 */
import type { Plan } from '../../plan/types.ts';
import type { RulePlan } from '../../plan/rules.ts';
import { appliesTo } from '../../dq/dq-tables.ts';
import { ruleSql, type RuleContext } from '../../dq/rule-sql.ts';
import { loadModelTable, STANDARD_TABLES } from '../../model/common-model.ts';
import type { Dialect } from '../../sql/dialect.ts';

export interface Expectations {
  /** The DLT SQL file, when at least one rule is expressed. */
  sql?: string;
  expressed: { rule: string; table: string; action: string }[];
  notExpressed: { rule: string; type: string; reason: string }[];
}

const SOURCE = '__gf_dlt_source__';

export function dltExpectations(plan: Plan, rules: RulePlan[], d: Dialect): Expectations {
  const acting = rules.filter((r) => r.action !== 'report' && appliesTo(r, plan.utility));
  const conditions = new Map<string, string[]>();
  const out: Expectations = { expressed: [], notExpressed: [] };
  for (const rule of acting) {
    const row = rowCondition(rule, plan, d);
    if ('reason' in row) {
      out.notExpressed.push({ rule: rule.name, type: rule.type, reason: row.reason });
      continue;
    }
    const violation = rule.action === 'fail' ? 'FAIL UPDATE' : 'DROP ROW';
    const name = `\`${rule.name.replace(/`/g, '``')}\``;
    const constraint = `  CONSTRAINT ${name} EXPECT (NOT coalesce(${row.failing}, FALSE)) ON VIOLATION ${violation}`;
    conditions.set(rule.table, [...(conditions.get(rule.table) ?? []), constraint]);
    out.expressed.push({ rule: rule.name, table: rule.table, action: rule.action });
  }
  if (!conditions.size) return out;
  const views = [...conditions].map(([table, constraints]) => {
    const from = `\${gridflow.output_schema}.standardized_${table}`;
    const scope = `utility_id = ${d.string(plan.utility)}`;
    const view = `CREATE OR REFRESH MATERIALIZED VIEW ${table}_checked`;
    return `${view} (\n${constraints.join(',\n')}\n)\nAS SELECT * FROM ${from} WHERE ${scope};`;
  });
  const head = `-- gridflow ${plan.utility}: rules with action fail or quarantine as Delta Live Tables expectations`;
  out.sql = [head, ...views, ''].join('\n\n');
  return out;
}

/** The failing-row condition of a rule over one row of its standardized table, or why there is none. */
function rowCondition(rule: RulePlan, plan: Plan, d: Dialect): { failing: string } | { reason: string } {
  if (!(STANDARD_TABLES as readonly string[]).includes(rule.table)) return { reason: `${rule.table} is a stage table` };
  if (rule.beforeDedupe) return { reason: 'checks the rows before deduplication, which the job does not publish' };
  const at = (runDate: Date) => ruleSql(rule, context(plan, d, runDate));
  const [now, later] = [at(new Date('2025-01-01T00:00:00Z')), at(new Date('2026-01-01T00:00:00Z'))];
  if ('skip' in now) return { reason: now.skip };
  if (now.kind !== 'rows' || !now.batch || now.batch.source !== SOURCE)
    return { reason: `a ${rule.type} rule compares rows with each other or counts them, not one row at a time` };
  if (!anyRowIsError(rule)) return { reason: 'has a threshold; an expectation acts on every failing row' };
  if ('skip' in later || later.kind !== 'rows' || later.batch?.cond !== now.batch.cond)
    return { reason: 'has a bound relative to the run date' };
  // An expectation names the columns of the view's rows: the rule's `t.` qualifier goes.
  const unqualified = (sql: string) => sql.replace(/\bt\.(`(?:[^`]|``)+`)/g, '$1');
  return { failing: unqualified(`(${now.batch.scope}) AND (${now.batch.cond})`) };
}

/** The default thresholds: one failing row is an error (error_if "> 0"), no warning level. */
function anyRowIsError(rule: RulePlan): boolean {
  const e = rule.errorIf;
  return !rule.warnIf && !!e && e.op === '>' && e.value === 0 && !e.percent;
}

function context(plan: Plan, d: Dialect, runDate: Date): RuleContext {
  const mapped = new Set(plan.tables.map((t) => t.table));
  return {
    d,
    utility: plan.utility,
    runDate,
    zone: plan.timezone,
    source: (table, beforeDedupe) => (mapped.has(table) && !beforeDedupe ? SOURCE : undefined),
    columnsOf: (table) => loadModelTable(table).columns.map((c) => c.name),
  };
}

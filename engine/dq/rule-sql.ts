import type { HmacPads } from '../util/pseudonym-key.ts';
import type { Dialect } from '../sql/dialect.ts';
import { compileExpression } from '../expr/compile-expression.ts';
import { column, loadModelTable } from '../model/common-model.ts';
import { maxAgeMs, parseBound } from '../plan/bounds.ts';
import type { RulePlan } from '../plan/rules.ts';
import { veeSql } from './vee/vee-sql.ts';
import type { SeriesGroup } from './vee/series-pass.ts';
import { SERIES } from './vee/vee-parts.ts';

/**
 * Each rule type compiles to SQL that yields its failing rows (row rules) or one row
 * `failing, total, detail` (row_count, freshness). Scope (utility and `where`) is applied here
 * once for all types; thresholds, severity and actions are handled by the evaluator.
 */
export interface RuleContext {
  d: Dialect;
  utility: string;
  runDate: Date;
  /** SQL table expression of a table (standardized, before dedupe, or a stage table), if present. */
  source(table: string, beforeDedupe: boolean): string | undefined;
  /** Columns present in that source. */
  columnsOf(table: string, beforeDedupe: boolean): string[];
  /**
   * The dedupe's table of the keys that repeat among a source's rows (one row per key, key columns
   * named as in the table), when `columns` are exactly that key: `duplicates` then compares only them.
   */
  repeatedKeys?(table: string, beforeDedupe: boolean, columns: string[]): string | undefined;
  /** row_count: rows in scope at the previous run. */
  previousTotal?: number;
  /** The utility's time zone (the local days of VEE `gaps`), when known. */
  zone?: string;
  /** The pseudonym key's blocks: identifiers in external failure samples become their keyed hash. */
  pseudonym?: HmacPads;
  /** Columns a source's rows are unique on (the dedupe's key, once deduplicated), if known. */
  uniqueKey?(table: string, beforeDedupe: boolean): string[] | undefined;
  /** The frozen and spike rules checked together with a rule (set by the evaluator). */
  seriesGroup?(rule: RulePlan): SeriesGroup | undefined;
}

export type RuleSql =
  | {
      kind: 'rows';
      scoped: string;
      failing: string;
      keys: string[];
      /** Set for rules whose failing rows are `scope AND cond` over one table: counted together in one scan. */
      batch?: { source: string; scope: string; cond: string };
      /** Set for other rules whose rows in scope are `scope` over one table: counted in that table's scan. */
      inScope?: { source: string; scope: string };
      /** Statements run before the failing rows are read (working tables), and after (dropping them). */
      prepare?: string[];
      cleanup?: string[];
      /** Statements a group of rules shares (the series pass): run once before the first, cleaned up after the last. */
      shared?: { prepare: string[]; cleanup: string[] };
      /** False when failing rows are not rows of the table (VEE gaps: meter-days), so carry no lineage. */
      lineage?: boolean;
      /** The columns of failing rows that are not rows of the table (VEE gaps). */
      columns?: string[];
      /** Failing rows with at least the keys and lineage, cheaper than `failing` (used when rows are not moved). */
      narrow?: string;
    }
  | { kind: 'aggregate'; sql: string; batch?: AggregateBatch };

/**
 * An aggregate rule counted in its table's one batched scan: `values` are aggregates over the rows
 * in scope (named), `result` builds the rule's `failing`, `total` and `detail` from them.
 */
export interface AggregateBatch {
  source: string;
  scope: string;
  values: Record<string, string>;
  result(value: (name: string) => string): { failing: string; total: string; detail: string };
}

export function ruleSql(rule: RulePlan, ctx: RuleContext): RuleSql | { skip: string } {
  const { d } = ctx;
  const q = d.quoteIdent;
  const src = ctx.source(rule.table, rule.beforeDedupe);
  if (!src) return { skip: `${rule.table}${rule.beforeDedupe ? ' before dedupe' : ''} is not available here` };
  const available = ctx.columnsOf(rule.table, rule.beforeDedupe);
  const model = loadModelTable(rule.table);
  const types = new Map(model.columns.filter((c) => available.includes(c.name)).map((c) => [c.name, c.type]));
  const pred = (expr: string) => {
    const r = compileExpression(expr, { columns: types, ref: (c) => `t.${q(c)}` }, d);
    return r.ok ? r.sql : undefined;
  };
  const where = [`t.utility_id = ${d.string(ctx.utility)}`];
  if (rule.where) {
    const w = pred(rule.where);
    if (!w) return { skip: `'where' names a column not mapped for ${ctx.utility}` };
    where.push(`COALESCE(${w}, FALSE)`);
  }
  const missing = rule.columns.filter((c) => !available.includes(c));
  if (missing.length) return { skip: `${missing.join(', ')} not mapped for ${ctx.utility}` };
  const scoped = `SELECT * FROM ${src} t WHERE ${where.join(' AND ')}`;
  const o = rule.options as Record<string, any>;
  const c = rule.columns.map((x) => `t.${q(x)}`);
  const rows = (cond: string, keys = rule.columns, batch = true): RuleSql => ({
    kind: 'rows',
    scoped,
    failing: `SELECT * FROM (${scoped}) t WHERE ${cond}`,
    keys,
    batch: batch ? { source: src, scope: where.slice(1).join(' AND ') || 'TRUE', cond } : undefined,
  });
  const batchScope = { source: src, scope: where.slice(1).join(' AND ') || 'TRUE' };
  const literal = (v: unknown, col: string) => {
    const type = column(model, col)?.type;
    if (type === 'timestamp' || type === 'date') {
      const b = parseBound(v as string, ctx.runDate);
      return d.cast(d.string(b instanceof Date ? b.toISOString() : String(v)), type === 'date' ? 'date' : 'timestamp');
    }
    return typeof v === 'number' ? String(v) : d.string(String(v));
  };
  // The model key of the table (without the utility) as far as it is mapped: the sample keys of row rules.
  const modelKeys = model.key.filter((k) => k !== 'utility_id' && available.includes(k));
  switch (rule.type) {
    case 'not_null':
      return rows(c.map((x) => `${x} IS NULL`).join(' OR '));
    case 'accepted_values': {
      const accepted = (o.values as unknown[]).map((v) => literal(v, rule.columns[0])).join(', ');
      return rows(`${c[0]} IS NOT NULL AND ${c[0]} NOT IN (${accepted})`);
    }
    case 'range': {
      const below = o.min !== undefined ? `${c[0]} < ${literal(o.min, rule.columns[0])}` : '';
      const above = o.max !== undefined ? `${c[0]} > ${literal(o.max, rule.columns[0])}` : '';
      return rows([below, above].filter(Boolean).join(' OR '));
    }
    case 'expression': {
      const e = pred(o.expr);
      return e ? rows(`NOT COALESCE(${e}, FALSE)`, modelKeys) : { skip: `'expr' names a column not mapped for ${ctx.utility}` };
    }
    case 'unique': {
      // Rows deduplicated on a key within the columns are unique on them (a key with a missing part
      // is one key for both): no rows fail, as the table's batched scan counts.
      const key = ctx.uniqueKey?.(rule.table, rule.beforeDedupe);
      if (key?.length && key.every((k) => rule.columns.includes(k))) return rows('FALSE');
      const failing = d.qualify('*', `(${scoped}) t`, `count(*) OVER (PARTITION BY ${c.join(', ')}) > 1`);
      return { kind: 'rows', scoped, failing, keys: rule.columns, inScope: batchScope };
    }
    case 'duplicates': {
      const notCompared = ['utility_id', 'source_file', 'source_line'];
      const comparable = (x: string) =>
        !rule.columns.includes(x) && !notCompared.includes(x) && !column(model, x)?.lineage;
      const compare = ((o.compare as string[] | undefined) ?? available.filter(comparable)).filter((x) =>
        available.includes(x),
      );
      const differs = compare.map((x) => `min(${q(x)}) <> max(${q(x)}) OR (count(${q(x)}) > 0 AND count(${q(x)}) < count(*))`).join(' OR ') || 'FALSE';
      const keys = rule.columns.map(q).join(', ');
      // A key with a missing part is still one key (as for dedupe and unique): join null-safely.
      const same = rule.columns.map((x) => `k.${q(x)} IS NOT DISTINCT FROM t.${q(x)}`).join(' AND ');
      // Without a `where`, the dedupe has found the repeated keys already: only their rows are grouped.
      const repeated = rule.where ? undefined : ctx.repeatedKeys?.(rule.table, rule.beforeDedupe, rule.columns);
      const g = rule.columns.map((x) => `g.${q(x)}`).join(', ');
      const onRepeated = rule.columns.map((x) => `r.${q(x)} IS NOT DISTINCT FROM g.${q(x)}`).join(' AND ');
      const found = repeated
        ? `SELECT ${g} FROM (${scoped}) g JOIN ${repeated} r ON ${onRepeated}
  GROUP BY ${g} HAVING ${differs}`
        : `SELECT ${keys} FROM (${scoped}) g GROUP BY ${keys} HAVING count(*) > 1 AND (${differs})`;
      const failing = `SELECT t.* FROM (${scoped}) t JOIN (${found}) k ON ${same}`;
      return { kind: 'rows', scoped, failing, keys: rule.columns, inScope: batchScope };
    }
    case 'relationship': {
      const to = o.to as { table: string; columns?: string[] };
      const target = ctx.source(to.table, false);
      if (!target) return { skip: `${to.table} is not available for ${ctx.utility}` };
      const refCols = to.columns ?? rule.columns;
      // An anti join as LEFT JOIN … IS NULL against the distinct target keys: one hash join.
      const match = rule.columns.map((x, i) => `r.${q(`k${i}`)} = t.${q(x)}`).join(' AND ');
      const notNull = o.include_nulls ? '' : ` AND ${c.map((x) => `${x} IS NOT NULL`).join(' AND ')}`;
      const keyCols = refCols.map((x, i) => `${q(x)} AS ${q(`k${i}`)}`).join(', ');
      const targetKeys = `SELECT DISTINCT ${keyCols} FROM ${target} WHERE utility_id = ${d.string(ctx.utility)}`;
      return {
        kind: 'rows',
        scoped,
        failing: `SELECT t.* FROM (${scoped}) t LEFT JOIN (${targetKeys}) r ON ${match} WHERE r.${q('k0')} IS NULL${notNull}`,
        keys: rule.columns,
        inScope: batchScope,
      };
    }
    case 'outliers': {
      const x = q(rule.columns[0]);
      const groups = ((o.group_by as string[] | undefined) ?? []).map(q);
      const factor = (o.factor as number | undefined) ?? (o.method === 'zscore' ? 4 : 3);
      const by = groups.length ? ` GROUP BY ${groups.join(', ')}` : '';
      const join = groups.length ? `JOIN s USING (${groups.join(', ')})` : 'CROSS JOIN s';
      const fences = [`avg(${x}) - ${factor} * stddev_samp(${x}) AS lo`, `avg(${x}) + ${factor} * stddev_samp(${x}) AS hi`];
      const stats =
        o.method === 'zscore'
          ? `SELECT ${[...groups, ...fences].join(', ')} FROM (${scoped}) g${by}`
          : iqrFences(x, groups, factor, scoped);
      const failing = `WITH s AS (${stats}) SELECT t.* FROM (${scoped}) t ${join} WHERE t.${x} < s.lo OR t.${x} > s.hi`;
      return { kind: 'rows', scoped, failing, keys: modelKeys, inScope: batchScope };
    }
    case 'row_count': {
      const prev = ctx.previousTotal;
      const checks = (n: string) => [
        o.min !== undefined ? `${n} < ${Number(o.min)}` : '',
        o.max !== undefined ? `${n} > ${Number(o.max)}` : '',
        o.change_pct !== undefined && prev !== undefined && prev > 0 ? `abs(${n} - ${prev}) * 100.0 / ${prev} > ${Number(o.change_pct)}` : '',
      ];
      const result = (value: (name: string) => string) => {
        const fail = checks(value('n')).filter(Boolean).join(' OR ') || 'FALSE';
        return { failing: `CASE WHEN ${fail} THEN 1 ELSE 0 END`, total: value('n'), detail: 'NULL' };
      };
      const { failing, total, detail } = result((name) => name);
      const sql = `SELECT ${failing} AS failing, ${total} AS total, ${detail} AS detail FROM (SELECT count(*) AS n FROM (${scoped}) s)`;
      return { kind: 'aggregate', sql, batch: { ...batchScope, values: { n: 'count(*)' }, result } };
    }
    case 'gaps':
    case 'frozen':
    case 'spike':
    case 'limits': {
      const input = { d, scoped, available, options: o, column: rule.columns[0] ?? 'value' };
      const unique = ctx.uniqueKey?.(rule.table, rule.beforeDedupe);
      const uniqueReads = unique !== undefined && unique.every((k) => [...SERIES, 'interval_start_ts', 'utility_id'].includes(k));
      const meters = ctx.source('meters', false);
      const vee = { utility: ctx.utility, zone: ctx.zone, meters, series: ctx.seriesGroup?.(rule), uniqueReads };
      const v = veeSql(rule, input, vee);
      if ('skip' in v) return v;
      const { scoped: own, ...parts } = v;
      return { kind: 'rows', scoped: own ?? scoped, ...parts, inScope: own ? undefined : batchScope };
    }
    case 'freshness': {
      const oldest = new Date(ctx.runDate.getTime() - maxAgeMs(o.max_age));
      const result = (value: (name: string) => string) => ({
        failing: `CASE WHEN ${value('latest')} IS NULL OR ${value('latest')} < ${d.cast(d.string(oldest.toISOString()), 'timestamp')} THEN 1 ELSE 0 END`,
        total: value('n'),
        detail: `'latest ' || COALESCE(${d.instantText(value('latest'))}, 'none')`,
      });
      const { failing, total, detail } = result((name) => name);
      const values = { latest: `max(t.${q(rule.columns[0])})`, n: 'count(*)' };
      const inner = `SELECT max(${q(rule.columns[0])}) AS latest, count(*) AS n FROM (${scoped}) s`;
      const sql = `SELECT ${failing} AS failing, ${total} AS total, ${detail} AS detail FROM (${inner})`;
      return { kind: 'aggregate', sql, batch: { ...batchScope, values, result } };
    }
  }
}

/**
 * IQR fences Q1 − k·IQR and Q3 + k·IQR per group, with exact interpolated quartiles (the value at
 * rank (n − 1)·q, interpolated between its neighbours) computed from the count of each distinct
 * value: a plain aggregate and a window over distinct values, both of which spill to disk. A
 * quantile aggregate would hold every value of a group in memory, outside the engine's memory
 * limit (50M values: 1.2 GB more resident memory).
 */
export function iqrFences(x: string, groups: string[], factor: number, scoped: string): string {
  const part = groups.length ? `PARTITION BY ${groups.join(', ')} ` : '';
  const by = groups.length ? ` GROUP BY ${groups.join(', ')}` : '';
  // The value whose run of equal values covers 0-based rank r.
  const at = (r: string) => `max(v) FILTER (WHERE first_rank <= ${r} AND ${r} < first_rank + c)`;
  const quartile = (q: number) => {
    const r = `((n - 1) * ${q})`;
    const rank = `((max(n) - 1) * ${q})`; // n is the same on every row of a group
    return `(${at(`floor(${r})`)} + (${rank} - floor(${rank})) * (${at(`ceil(${r})`)} - ${at(`floor(${r})`)}))`;
  };
  const valueCounts = [...groups, `${x} AS v`, 'count(*) AS c'].join(', ');
  const counts = `SELECT ${valueCounts} FROM (${scoped}) g WHERE ${x} IS NOT NULL GROUP BY ${[...groups, x].join(', ')}`;
  const before = `sum(c) OVER (${part}ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - c AS first_rank`;
  const ranked = `SELECT *, ${before}, sum(c) OVER (${part.trim()}) AS n FROM (${counts}) cv`;
  const quartiles = `SELECT ${[...groups, `${quartile(0.25)} AS q1`, `${quartile(0.75)} AS q3`].join(', ')} FROM (${ranked}) r${by}`;
  return `SELECT ${[...groups, `q1 - ${factor} * (q3 - q1) AS lo`, `q3 + ${factor} * (q3 - q1) AS hi`].join(', ')} FROM (${quartiles}) qs`;
}

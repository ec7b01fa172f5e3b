import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { loadModelTable, STANDARD_TABLES } from '../model/common-model.ts';
import type { SqlType } from '../sql/dialect.ts';
import { duckdbDialect } from '../sql/duckdb-dialect.ts';
import { compileExpression } from '../expr/compile-expression.ts';
import { exprDiagnostics } from './expr-diagnostics.ts';
import { pathToString, type YamlPath, type YamlSource } from './yaml-source.ts';
import { didYouMean } from '../util/did-you-mean.ts';
import { isBound } from '../plan/bounds.ts';
import { defaultThresholds } from '../plan/thresholds.ts';
import type { RulePlan } from '../plan/rules.ts';
import { VEE_RULE_TYPES, type RuleType } from '../model/rules-schema.ts';

/** What each rule type needs besides `table` and `type`. */
const NEEDS: Record<string, string[]> = {
  not_null: ['columns'],
  unique: ['columns'],
  duplicates: ['columns'],
  relationship: ['columns', 'to'],
  accepted_values: ['column', 'values'],
  range: ['column'],
  expression: ['expr'],
  row_count: [],
  freshness: ['column', 'max_age'],
  outliers: ['column'],
  gaps: [],
  frozen: ['min_run'],
  spike: [],
  limits: ['meter_class', 'limits'],
};
const ROW_RULES = new Set(['not_null', 'unique', 'duplicates', 'relationship', 'accepted_values', 'range', 'expression', 'outliers', 'frozen', 'spike', 'limits']);
/** VEE rule types that check one read column (`value` unless `column` says otherwise). */
const READ_RULES = new Set(['frozen', 'spike', 'limits']);

/**
 * Resolves the rules at `path` of a YAML source (a rules file's `rules`, or a mapping's `rules`)
 * against the table schemas: columns exist, expressions compile, options fit the type. Names are
 * derived as `<table>__<type>__<columns>` when not given.
 */
export function resolveRules(source: YamlSource, rules: Record<string, any>[], path: YamlPath, scope?: string): { rules: RulePlan[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out: RulePlan[] = [];
  rules.forEach((r, i) => {
    const p: YamlPath = [...path, i];
    const at = (k?: string) => ({ at: k ? source.locate([...p, k]) : source.locate(p), path: pathToString(k ? [...p, k] : p) });
    const model = loadModelTable(r.table);
    const cols = model.columns.map((c) => c.name);
    const columns: string[] = r.columns ?? (r.column ? [r.column] : READ_RULES.has(r.type) ? ['value'] : []);
    const name: string = r.name ?? [r.table, r.type, ...columns, ...(r.before_dedupe ? ['before_dedupe'] : [])].join('__').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
    const n0 = diagnostics.length;
    for (const opt of NEEDS[r.type]) if (r[opt] === undefined) diagnostics.push(diag('rule-missing-option', { rule: name, type: r.type, option: opt }, at()));
    const checkCols = (list: string[] | undefined, key: string, table = r.table, names = cols) =>
      (list ?? []).forEach((c) => {
        if (!names.includes(c)) diagnostics.push(diag('rule-unknown-column', { rule: name, column: c, table }, { ...at(key), hint: didYouMean(c, names) }));
      });
    checkCols(r.columns, 'columns');
    checkCols(r.column ? [r.column] : [], 'column');
    checkCols(r.compare, 'compare');
    checkCols(r.group_by, 'group_by');
    if (r.to) checkCols(r.to.columns ?? r.columns, 'to', r.to.table, loadModelTable(r.to.table).columns.map((c) => c.name));
    diagnostics.push(...veeDiagnostics(r, name, columns, at));
    if (r.type === 'range' && r.min === undefined && r.max === undefined) diagnostics.push(diag('rule-missing-option', { rule: name, type: r.type, option: 'min or max' }, at()));
    for (const k of ['min', 'max']) if (r[k] !== undefined && !isBound(r[k])) diagnostics.push(diag('rule-invalid', { rule: name, detail: `${k} '${r[k]}' is not a number, a timestamp or now/today ± N minutes/hours/days` }, at(k)));
    const types = new Map<string, SqlType>(model.columns.map((c) => [c.name, c.type]));
    for (const k of ['where', 'expr']) {
      if (r[k] === undefined) continue;
      const res = compileExpression(r[k], { columns: types, ref: duckdbDialect.quoteIdent }, duckdbDialect);
      if (!res.ok) diagnostics.push(...exprDiagnostics(res.errors, source, [...p, k]));
    }
    const beforeDedupe = r.before_dedupe ?? r.type === 'duplicates';
    const standardized = (STANDARD_TABLES as readonly string[]).includes(r.table);
    if (beforeDedupe && !standardized) diagnostics.push(diag('rule-invalid', { rule: name, detail: `before_dedupe applies to standardized tables, not ${r.table}` }, at('before_dedupe')));
    if (r.action === 'quarantine' && (!standardized || beforeDedupe || !ROW_RULES.has(r.type)))
      diagnostics.push(diag('rule-invalid', { rule: name, detail: 'quarantine moves rows of a standardized table: it needs a row rule on one (not before_dedupe)' }, at('action')));
    if (r.severity !== undefined && (r.warn_if !== undefined || r.error_if !== undefined))
      diagnostics.push(diag('rule-invalid', { rule: name, detail: 'give either severity or warn_if/error_if' }, at('severity')));
    if (out.some((o) => o.name === name)) diagnostics.push(diag('rule-duplicate-name', { rule: name }, { ...at(r.name ? 'name' : undefined), hint: 'give one of them an explicit name' }));
    if (diagnostics.length > n0) return;
    // A mapping's own rule that names other utilities never runs for this mapping's utility.
    if (scope && r.utilities && !r.utilities.includes(scope))
      diagnostics.push(diag('rule-other-utility', { rule: name, utilities: r.utilities.join(', '), utility: scope }, { ...at('utilities'), hint: didYouMean(r.utilities.find((u: string) => u !== scope) ?? '', [scope]) }));
    const { name: _n, description, table, type, columns: _c, column: _col, where, utilities, severity, warn_if, error_if, action, before_dedupe: _b, ...options } = r;
    out.push({
      name,
      description,
      table,
      type,
      columns,
      options,
      where,
      utilities: utilities ?? (scope ? [scope] : undefined),
      beforeDedupe,
      ...defaultThresholds(severity, warn_if, error_if),
      action: action ?? 'report',
      origin: `${source.file}:${source.locate(p).line}`,
    });
  });
  return { rules: out, diagnostics };
}

type At = (k?: string) => { at: ReturnType<YamlSource['locate']>; path: string };

/** VEE rules check the intervals table, a numeric read column, and (limits) a meters column as the class. */
function veeDiagnostics(r: Record<string, any>, name: string, columns: string[], at: At): Diagnostic[] {
  if (!VEE_RULE_TYPES.includes(r.type as RuleType)) return [];
  if (r.table !== 'intervals') return [diag('rule-invalid', { rule: name, detail: `${r.type} checks intervals, not ${r.table}` }, at('table'))];
  const out: Diagnostic[] = [];
  const model = loadModelTable('intervals');
  const numeric = ['double', 'integer', 'bigint'];
  for (const c of READ_RULES.has(r.type) ? columns : []) {
    const type = model.columns.find((m) => m.name === c)?.type;
    if (type && !numeric.includes(type)) out.push(diag('rule-invalid', { rule: name, detail: `${r.type} checks a number, and '${c}' is ${type}` }, at('column')));
  }
  if (r.type === 'limits' && r.meter_class !== undefined) {
    const meters = loadModelTable('meters').columns.map((c) => c.name);
    if (!meters.includes(r.meter_class))
      out.push(diag('rule-unknown-column', { rule: name, column: r.meter_class, table: 'meters' }, { ...at('meter_class'), hint: didYouMean(r.meter_class, meters) }));
  }
  return out;
}

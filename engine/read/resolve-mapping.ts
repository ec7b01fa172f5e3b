import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { column, loadModelTable, STANDARD_TABLES } from '../model/common-model.ts';
import type { ColumnPlan, ComputedPlan, LookupPlan, Plan, StepInfo, TablePlan } from '../plan/types.ts';
import type { SqlType } from '../sql/dialect.ts';
import { duckdbDialect } from '../sql/duckdb-dialect.ts';
import { compileExpression } from '../expr/compile-expression.ts';
import { isKnownZone } from '../time/zones.ts';
import { didYouMean } from '../util/did-you-mean.ts';
import { exprDiagnostics } from './expr-diagnostics.ts';
import type { ColumnObject, MappingSpec, TableSpec } from './mapping-types.ts';
import { resolveColumn } from './resolve-column.ts';
import { resolveLookup } from './resolve-lookup.ts';
import { csvPlan, resolveSource } from './resolve-sources.ts';
import { pathToString, type YamlPath, type YamlSource } from './yaml-source.ts';
import { orderTables } from './order-tables.ts';
import { dedupeChecks } from './dedupe-checks.ts';
import { resolveRules } from './resolve-rules.ts';
import { resolveScreen } from './resolve-screen.ts';
import { displayPath } from '../util/display-path.ts';
import { filterColumns } from '../plan/filter-scope.ts';

/** Resolves a schema-valid mapping against the common model and the real files into a Plan. */
export function resolveMapping(source: YamlSource): { plan?: Plan; diagnostics: Diagnostic[] } {
  const mapping = source.value as MappingSpec;
  const diagnostics: Diagnostic[] = [];
  if (!isKnownZone(mapping.timezone)) {
    diagnostics.push(diag('unknown-timezone', { zone: mapping.timezone }, { at: source.locate(['timezone']), path: 'timezone' }));
  }
  const tables: TablePlan[] = [];
  for (const name of STANDARD_TABLES) {
    const spec = mapping[name];
    if (spec) {
      const t = resolveTable(name, spec, mapping, source, diagnostics);
      if (t) tables.push(t);
    }
  }
  const ordered = orderTables(tables, source, diagnostics);
  // A hop into a table that failed to resolve finds no plan: that table's own errors say why.
  for (const t of ordered)
    for (const l of t.lookups)
      for (const h of l.hops) {
        const target = h.effective ? ordered.find((o) => o.table === h.table) : undefined;
        if (target) target.keepHistory = true;
      }
  const rules = mapping.rules ? resolveRules(source, mapping.rules, ['rules'], mapping.utility) : { rules: [], diagnostics: [] };
  diagnostics.push(...rules.diagnostics);
  const { screen, diagnostics: screenDiagnostics } = resolveScreen(source, mapping.privacy_screen);
  diagnostics.push(...screenDiagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const plan: Plan = { version: 1, utility: mapping.utility, timezone: mapping.timezone, mapping: source.file, tables: ordered, rules: rules.rules };
  if (screen) plan.screen = screen;
  return { plan, diagnostics };
}

function resolveTable(
  name: string,
  spec: TableSpec,
  mapping: MappingSpec,
  source: YamlSource,
  diagnostics: Diagnostic[],
): TablePlan | undefined {
  const model = loadModelTable(name);
  const tablePath: YamlPath = [name];
  const n0 = diagnostics.length;
  const src = resolveSource(spec, csvPlan(mapping.csv, spec.csv), tablePath, source, diagnostics);
  if (!src) return undefined;
  const ctx = { source, file: displayPath(src.files[0]), header: src.columns, zone: mapping.timezone, diagnostics };
  const columns: ColumnPlan[] = [
    { name: 'utility_id', type: 'string', required: true, value: { kind: 'const', value: mapping.utility }, reads: [], path: 'utility' },
  ];
  const lookups: LookupPlan[] = [];
  for (const [colName, raw] of Object.entries(spec.columns)) {
    const p: YamlPath = [name, 'columns', colName];
    const mc = column(model, colName);
    if (!mc || mc.lineage || colName === 'utility_id') {
      diagnostics.push(diag('unknown-target-column', { column: colName, table: name }, { at: source.locateKey(p), path: pathToString(p), hint: didYouMean(colName, model.columns.map((c) => c.name)) }));
      continue;
    }
    const obj: ColumnObject = typeof raw === 'string' ? { from: raw } : typeof raw === 'object' ? raw : { const: raw };
    if (obj.via) {
      const l = resolveLookup(mc, obj, name, p, mapping, source, diagnostics);
      if (l) lookups.push(l);
    } else {
      const c = resolveColumn(mc, obj, typeof raw === 'string' ? p : p, ctx);
      if (c) columns.push(c);
    }
  }
  collapseDelimiterCascade(diagnostics, n0, ctx.file);
  // Every key the user wrote counts as mapped, even if it failed to resolve (its own error says why).
  const mapped = new Set(['utility_id', ...Object.keys(spec.columns)]);
  const computed: ComputedPlan[] = [];
  if (column(model, 'interval_end_ts') && !mapped.has('interval_end_ts') && mapped.has('interval_start_ts') && mapped.has('duration_seconds')) {
    computed.push({ name: 'interval_end_ts', type: 'timestamp', op: 'add_seconds', args: ['interval_start_ts', 'duration_seconds'] });
    mapped.add('interval_end_ts');
  }
  for (const mc of model.columns) {
    if (mc.required && !mc.lineage && !mapped.has(mc.name))
      diagnostics.push(diag('unmapped-required-column', { column: mc.name, table: name }, { at: source.locateKey([name, 'columns']), path: `${name}.columns` }));
  }
  const typed = new Map<string, SqlType>(columns.map((c) => [c.name, c.type]));
  // Columns the user mapped that failed to resolve still count as columns of the table for the filter and
  // dedupe checks: their own diagnostic is the root cause, not a second one here.
  const declared = new Map<string, SqlType>(typed);
  for (const [k, raw] of Object.entries(spec.columns)) {
    const mc = column(model, k);
    const isJoin = raw !== null && typeof raw === 'object' && 'via' in raw;
    if (mc && !isJoin && !declared.has(k)) declared.set(k, (raw as ColumnObject)?.type as SqlType ?? mc.type);
  }
  let filter: TablePlan['filter'];
  if (spec.filter) {
    // Source columns too (a header name that is not a mapped column name), as text.
    const columns = filterColumns(declared, src.columns);
    const r = compileExpression(spec.filter, { columns, ref: (c) => duckdbDialect.quoteIdent(c) }, duckdbDialect);
    if (!r.ok) diagnostics.push(...exprDiagnostics(r.errors, source, [name, 'filter']));
    else filter = { expr: spec.filter, reads: r.columns };
  }
  let dedupe: TablePlan['dedupe'];
  if (spec.dedupe) {
    const orderBy = spec.dedupe.order_by === undefined ? [] : Array.isArray(spec.dedupe.order_by) ? spec.dedupe.order_by : [spec.dedupe.order_by];
    const check = (cols: string[], key: string) =>
      cols.forEach((c, i) => {
        if (!declared.has(c)) {
          const p: YamlPath = [name, 'dedupe', key, ...(Array.isArray((spec.dedupe as any)[key]) ? [i] : [])];
          diagnostics.push(diag('dedupe-unknown-column', { column: c, table: name }, { at: source.locate(p), path: pathToString(p), hint: didYouMean(c, [...typed.keys()]) }));
        }
      });
    check(spec.dedupe.key, 'key');
    check(orderBy, 'order_by');
    dedupe = { key: spec.dedupe.key, keep: spec.dedupe.keep ?? 'last', orderBy };
    diagnostics.push(...dedupeChecks(name, dedupe, columns, (p) => ({ at: source.locate([name, 'dedupe', ...p]), path: pathToString([name, 'dedupe', ...p]) })));
  }
  if (diagnostics.slice(n0).some((d) => d.severity === 'error')) return undefined;
  const output = model.columns.map((c) => c.name);
  const steps: StepInfo[] = [
    { step: 'read', reads: src.files, produces: src.columns },
    { step: 'convert', reads: [...new Set(columns.flatMap((c) => c.reads))], produces: columns.map((c) => c.name) },
  ];
  if (computed.length) steps.push({ step: 'compute', reads: computed.flatMap((c) => c.args), produces: computed.map((c) => c.name) });
  if (filter) steps.push({ step: 'filter', reads: filter.reads, produces: [] });
  if (dedupe) steps.push({ step: 'dedupe', reads: [...dedupe.key, ...dedupe.orderBy], produces: [] });
  for (const l of lookups) steps.push({ step: 'lookup', reads: l.hops.flatMap((h) => h.on.map((o) => `${h.table}:${o.local}=${o.remote}`)), produces: [l.name] });
  steps.push({ step: 'write', reads: output, produces: [] });
  return { table: name, source: src, columns, computed, filter, dedupe, lookups, keepHistory: false, output, steps };
}

/**
 * A header read as one column that holds another delimiter, and mapped columns missing from it: the
 * delimiter is the root cause. One error says so instead of one
 * unknown-column error per mapped column.
 */
function collapseDelimiterCascade(diagnostics: Diagnostic[], n0: number, file: string): void {
  const own = diagnostics.slice(n0);
  const single = own.find((d) => d.code === 'source-single-column');
  const unknown = own.filter((d) => d.code === 'unknown-source-column');
  if (!single || unknown.length === 0) return;
  const root = diag('source-wrong-delimiter', { file, count: unknown.length }, { at: single.at, path: single.path, hint: single.hint });
  const kept = own.filter((d) => d !== single && !unknown.includes(d));
  diagnostics.splice(n0, own.length, root, ...kept);
}

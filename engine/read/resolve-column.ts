import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { ModelColumn } from '../model/common-model.ts';
import type { SqlType } from '../sql/dialect.ts';
import { duckdbDialect } from '../sql/duckdb-dialect.ts';
import { checkRegex } from '../sql/regex-check.ts';
import { compileExpression } from '../expr/compile-expression.ts';
import type { ColumnPlan, TimestampPlan, ValuePlan } from '../plan/types.ts';
import { checkPattern } from '../time/strftime.ts';
import { isKnownZone } from '../time/zones.ts';
import { didYouMean } from '../util/did-you-mean.ts';
import type { ColumnObject } from './mapping-types.ts';
import { pathToString, type YamlPath, type YamlSource } from './yaml-source.ts';
import { exprDiagnostics } from './expr-diagnostics.ts';

/** Context for resolving one table's columns against its source header. */
export interface ColumnContext {
  source: YamlSource;
  file: string; // a source file, for messages
  header: string[];
  zone: string;
  diagnostics: Diagnostic[];
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

export function resolveColumn(
  model: ModelColumn,
  spec: ColumnObject,
  path: YamlPath,
  ctx: ColumnContext,
): ColumnPlan | undefined {
  const at = (p: YamlPath) => ({ at: ctx.source.locate(p), path: pathToString(p) });
  const n0 = ctx.diagnostics.length;
  const sourceColumn = (name: string, p: YamlPath) => {
    if (!ctx.header.includes(name))
      ctx.diagnostics.push(diag('unknown-source-column', { column: name, file: ctx.file }, { ...at(p), hint: didYouMean(name, ctx.header) }));
  };
  const given = ['from', 'const', 'expr'].filter((k) => (spec as any)[k] !== undefined);
  if (given.length !== 1) {
    ctx.diagnostics.push(diag('spec-conflict', { detail: `'${pathToString(path)}' needs exactly one of from, const, expr (has ${given.join(', ') || 'none'})` }, at(path)));
    return undefined;
  }
  let value: ValuePlan;
  const reads: string[] = [];
  if (spec.from !== undefined) {
    sourceColumn(spec.from, [...path, 'from']);
    value = { kind: 'source', column: spec.from };
    reads.push(spec.from);
  } else if (spec.const !== undefined) {
    value = { kind: 'const', value: spec.const };
  } else {
    const scope = new Map<string, SqlType>(ctx.header.map((h) => [h, 'string']));
    const r = compileExpression(spec.expr!, { columns: scope, ref: (c) => duckdbDialect.quoteIdent(c) }, duckdbDialect);
    if (!r.ok) {
      ctx.diagnostics.push(...exprDiagnostics(r.errors, ctx.source, [...path, 'expr']));
      return undefined;
    }
    value = { kind: 'expr', expr: spec.expr!, reads: r.columns };
    reads.push(...r.columns);
  }
  const type = (spec.type as SqlType | undefined) ?? model.type;
  const plan: ColumnPlan = { name: model.name, type, required: spec.required ?? model.required, value, reads, path: pathToString(path) };
  if (spec.extract !== undefined && regexOk(spec.extract, [...path, 'extract'], ctx)) {
    if (checkRegex(duckdbDialect.name, spec.extract).groups < 1)
      ctx.diagnostics.push(diag('bad-regex', { pattern: spec.extract, detail: 'extract needs a capture group ( … ) around the value' }, at([...path, 'extract'])));
    plan.extract = spec.extract;
  }
  if (spec.map) plan.map = Object.fromEntries(Object.entries(spec.map).map(([k, v]) => [k, String(v)]));
  if (spec.match) {
    spec.match.forEach((m, i) => regexOk(m.pattern, [...path, 'match', i, 'pattern'], ctx));
    plan.match = spec.match.map((m) => ({ pattern: m.pattern, value: String(m.value) }));
  }
  if (spec.map && spec.match) ctx.diagnostics.push(diag('spec-conflict', { detail: `use either map or match in '${pathToString(path)}', not both` }, at(path)));
  if (spec.default !== undefined) {
    if (!spec.map && !spec.match) ctx.diagnostics.push(diag('spec-conflict', { detail: `'default' applies to map or match, and '${pathToString(path)}' has neither` }, at([...path, 'default'])));
    plan.default = String(spec.default);
  }
  // A code map/match does not know keeps its row as `unknown` (the raw value stays in its *_raw column)
  // on text columns, unless the mapping says `on_unknown: reject`; other types cannot hold `unknown`.
  if (spec.on_unknown !== undefined && !spec.map && !spec.match)
    ctx.diagnostics.push(diag('spec-conflict', { detail: `'on_unknown' applies to map or match, and '${pathToString(path)}' has neither` }, at([...path, 'on_unknown'])));
  if ((spec.map || spec.match) && plan.default === undefined && type === 'string' && spec.on_unknown !== 'reject') plan.default = 'unknown';
  if (spec.scale !== undefined) {
    if (!['double', 'bigint', 'integer'].includes(type)) ctx.diagnostics.push(diag('type-mismatch', { detail: `'scale' needs a numeric column; ${model.name} is ${type}` }, at([...path, 'scale'])));
    plan.scale = spec.scale;
  }
  const tsKeys = ['format', 'timezone', 'add', 'ambiguous', 'nonexistent'].filter((k) => (spec as any)[k] !== undefined);
  if (type === 'timestamp') {
    plan.timestamp = resolveTimestamp(spec, path, ctx, sourceColumn);
  } else if (type === 'date' && spec.format) {
    const err = checkPattern(spec.format);
    if (err) ctx.diagnostics.push(diag('bad-timestamp-format', { format: spec.format, detail: err }, at([...path, 'format'])));
    plan.datePattern = spec.format;
  } else if (tsKeys.length) {
    ctx.diagnostics.push(diag('type-mismatch', { detail: `'${tsKeys[0]}' applies to timestamps; ${model.name} is ${type}` }, at([...path, tsKeys[0]])));
  }
  if (plan.timestamp?.add) reads.push(plan.timestamp.add.column);
  return ctx.diagnostics.length > n0 ? undefined : plan;
}

function resolveTimestamp(
  spec: ColumnObject,
  path: YamlPath,
  ctx: ColumnContext,
  sourceColumn: (name: string, p: YamlPath) => void,
): TimestampPlan | undefined {
  const at = (p: YamlPath) => ({ at: ctx.source.locate(p), path: pathToString(p) });
  const zone = spec.timezone ?? ctx.zone;
  if (spec.timezone !== undefined && !isKnownZone(spec.timezone)) {
    ctx.diagnostics.push(diag('unknown-timezone', { zone: spec.timezone }, at([...path, 'timezone'])));
  }
  const fmt = spec.format ?? 'iso8601';
  const base: TimestampPlan = { format: 'iso8601', zone, ambiguous: spec.ambiguous ?? 'earlier', nonexistent: spec.nonexistent ?? 'reject' };
  if (fmt === 'iso8601' || fmt === 'epoch_seconds' || fmt === 'epoch_millis') base.format = fmt;
  else if (fmt.includes('%')) {
    const err = checkPattern(fmt);
    if (err) ctx.diagnostics.push(diag('bad-timestamp-format', { format: fmt, detail: err }, at([...path, 'format'])));
    base.format = 'strftime';
    base.pattern = fmt;
  } else {
    ctx.diagnostics.push(
      diag('bad-timestamp-format', { format: fmt, detail: 'expected iso8601, epoch_seconds, epoch_millis or a strftime pattern with % directives' }, {
        ...at([...path, 'format']),
        hint: didYouMean(fmt, ['iso8601', 'epoch_seconds', 'epoch_millis']),
      }),
    );
  }
  if (spec.add) {
    sourceColumn(spec.add.from, [...path, 'add', 'from']);
    const seconds = typeof spec.add.unit === 'number' ? spec.add.unit : UNIT_SECONDS[spec.add.unit];
    base.add = { column: spec.add.from, seconds, base: spec.add.base ?? 0 };
  }
  return base;
}

function regexOk(pattern: string, p: YamlPath, ctx: ColumnContext): boolean {
  const detail = regexProblem(pattern);
  if (detail) ctx.diagnostics.push(diag('bad-regex', { pattern, detail }, { at: ctx.source.locate(p), path: pathToString(p) }));
  return detail === undefined;
}

/** Patterns are checked with the rules of the engine that runs them (see engine/sql/regex-check.ts). */
export function regexProblem(pattern: string): string | undefined {
  return checkRegex(duckdbDialect.name, pattern).problem;
}

export { UNIT_SECONDS };

import type { Dialect } from '../sql/dialect.ts';
import type { ColumnPlan } from '../plan/types.ts';
import { compileExpression } from '../expr/compile-expression.ts';
import { instantSql, localSql, nonexistentSql, shapeSql } from '../sql/timestamp-sql.ts';
import { strictRegex } from '../time/strftime.ts';

/**
 * SQL for one converted column, split into the layers of the convert query:
 *   raw  (L1) value from the source column, constant or expression, then `extract`
 *   text (L1) after `map`/`match`
 *   shape (L1) which parse applies (ISO 8601 timestamps: the common exact shape with an offset)
 *   local (L2) zone-less parse of timestamps
 *   typed (L3) the typed value
 *   reasons (L4) why a row is rejected because of this column (NULL when fine)
 * Layer n refers to layer n-1 columns by their prefixed names: "r.x", "t.x", "s.x", "l.x", "v.x".
 */
export const ref = {
  raw: (c: string) => `r.${c}`,
  text: (c: string) => `t.${c}`,
  shape: (c: string) => `s.${c}`,
  local: (c: string) => `l.${c}`,
  typed: (c: string) => `v.${c}`,
};

export interface ColumnSql {
  raw: string;
  text: string;
  shape?: string;
  local?: string;
  typed: string;
  reasons: string[];
}

export function columnSql(d: Dialect, c: ColumnPlan, sourceType: (col: string) => string): ColumnSql {
  const q = d.quoteIdent;
  const col = (kind: keyof typeof ref) => q(ref[kind](c.name));
  let raw: string;
  switch (c.value.kind) {
    case 'source':
      raw = sourceType(c.value.column);
      break;
    case 'const':
      raw = typeof c.value.value === 'string' ? d.string(c.value.value) : d.string(String(c.value.value));
      break;
    case 'expr': {
      const r = compileExpression(c.value.expr, { columns: new Map(c.value.reads.map((x) => [x, 'string'])), ref: sourceType }, d);
      if (!r.ok) throw new Error(`expression of ${c.name} no longer compiles: ${JSON.stringify(r.errors)}`);
      raw = r.type === 'string' ? r.sql : d.cast(r.sql, 'string');
      break;
    }
  }
  if (c.extract) raw = d.regexpExtract(raw, c.extract, 1);
  const reasons: string[] = [];
  const why = (cond: string, text: string) => reasons.push(`CASE WHEN ${cond} THEN ${d.string(`${c.name}: ${text}`)} END`);
  let text = col('raw');
  const fallback = c.default !== undefined ? d.string(c.default) : 'NULL';
  if (c.map) {
    const whens = Object.entries(c.map).map(([k, v]) => `WHEN ${d.string(k)} THEN ${d.string(v)}`);
    text = `CASE ${col('raw')} ${whens.join(' ')} ELSE ${fallback} END`;
  } else if (c.match) {
    const whens = c.match.map((m) => `WHEN ${d.regexpMatches(col('raw'), m.pattern)} THEN ${d.string(m.value)}`);
    text = `CASE ${whens.join(' ')} ELSE ${fallback} END`;
  }
  if (c.extract && c.value.kind === 'source') why(`${q(c.value.column)} IS NOT NULL AND ${col('raw')} IS NULL`, `no match for extract pattern`);
  if ((c.map || c.match) && c.default === undefined) why(`${col('raw')} IS NOT NULL AND ${col('text')} IS NULL`, 'unknown code');
  const t = col('text');
  let local: string | undefined;
  let shape: string | undefined;
  let typed: string;
  if (c.type === 'timestamp' && c.timestamp) {
    shape = shapeSql(d, c.timestamp, t);
    const shaped = shape ? col('shape') : undefined;
    local = localSql(d, c.timestamp, t, shaped);
    const addText = c.timestamp.add ? q(c.timestamp.add.column) : undefined;
    typed = instantSql(d, c.timestamp, t, local ? col('local') : undefined, addText, shaped);
    const zone = c.timestamp.zone;
    const skipped = local ? nonexistentSql(d, c.timestamp, col('local')) : '';
    if (local && c.timestamp.nonexistent === 'reject')
      why(`${col('local')} IS NOT NULL AND ${skipped}`, `local time does not exist in ${zone} (skipped by DST)`);
    if (local && c.timestamp.ambiguous === 'reject') {
      const repeated = `${col('local')} IS NOT NULL AND ${col('typed')} IS NULL AND NOT ${skipped}`;
      why(repeated, `local time is ambiguous in ${zone} (repeated by DST)`);
    }
    const unparsed = `${t} IS NOT NULL AND ${col('typed')} IS NULL${local ? ` AND ${col('local')} IS NULL` : ''}`;
    why(unparsed, `not a valid timestamp (${c.timestamp.pattern ?? c.timestamp.format})`);
    if (addText) why(`${t} IS NOT NULL AND ${d.tryCast(addText, 'double')} IS NULL`, `no number in ${c.timestamp.add!.column}`);
  } else if (c.type === 'date' && c.datePattern) {
    typed = `CASE WHEN ${d.regexpMatches(t, strictRegex(c.datePattern))} THEN CAST(${d.tryParseLocal(t, c.datePattern)} AS DATE) END`;
    why(`${t} IS NOT NULL AND ${col('typed')} IS NULL`, `not a valid date (${c.datePattern})`);
  } else if (c.type === 'string') {
    typed = t;
  } else if (c.type === 'double') {
    // The parsed number (L2) is checked before it is typed: NaN, ±Infinity and overflows (1e309) parse
    // as doubles, and values from 1e29 on do not fit the exact DECIMAL(38, 9) sums of the stages.
    local = c.scale !== undefined ? scaled(d.tryCast(t, 'double'), c.scale) : d.tryCast(t, 'double');
    const l = col('local');
    typed = `CASE WHEN abs(${l}) < ${MAX_ABS_NUMBER} THEN ${l} END`;
    why(`${t} IS NOT NULL AND ${l} IS NULL`, `not a valid double`);
    why(`${l} IS NOT NULL AND NOT (abs(${l}) < ${d.cast(d.string('infinity'), 'double')})`, `not a finite number`);
    why(`${l} IS NOT NULL AND ${col('typed')} IS NULL`, `out of range (|value| ≥ 1e29)`);
  } else {
    typed = c.scale !== undefined ? scaled(d.tryCast(t, 'double'), c.scale) : d.tryCast(t, c.type);
    // Engines round '1.5' into an integer; a fractional value is not a valid integer. Text that is
    // the integer's own text (`900`) is one; other text is checked against the pattern.
    if (c.scale === undefined && (c.type === 'bigint' || c.type === 'integer')) {
      local = typed;
      const l = col('local');
      const integral = d.regexpMatches(t, '^\\s*[+-]?\\d+(\\.0*)?\\s*$');
      typed = `CASE WHEN ${d.cast(l, 'string')} = ${t} OR ${integral} THEN ${l} END`;
    }
    if (c.scale !== undefined) typed = d.tryCast(`round(${typed})`, c.type);
    why(`${t} IS NOT NULL AND ${col('typed')} IS NULL`, `not a valid ${c.type}`);
  }
  // Last, so a more precise reason wins; catches every way a required value can end up missing.
  if (c.required) why(`${col('typed')} IS NULL`, 'missing required value');
  return { raw, text, shape, local, typed, reasons };
}

/** Numbers are published below this magnitude: DECIMAL(38, 9), the stages' exact sums, holds 29 integer digits. */
const MAX_ABS_NUMBER = '1e29';

/** `x * scale`, written as a division when scale is 1/n so that 1001 Wh gives exactly 1.001 kWh. */
function scaled(x: string, scale: number): string {
  const inverse = 1 / scale;
  return Number.isInteger(inverse) && Math.abs(inverse) > 1 ? `${x} / ${inverse}` : `${x} * ${scale}`;
}

import type { Dialect } from '../sql/dialect.ts';
import type { ColumnPlan, TablePlan } from '../plan/types.ts';
import { compileExpression } from '../expr/compile-expression.ts';
import { columnSql, ref, type ColumnSql } from './column-sql.ts';
import { work } from '../sql/statement.ts';
import { filterColumns, filterRef } from '../plan/filter-scope.ts';
import { displayPath as defaultDisplay } from '../util/display-path.ts';

/**
 * The convert statement of a table: every row of every file, each column converted, the reject
 * reason (first problem found) and the filter result.
 *
 * Columns whose conversion is costly and whose inputs repeat a lot — timestamps (time-zone rules),
 * code maps, regular expressions — are converted once per distinct input in a small dictionary
 * and joined back: 10M interval rows carry only a few thousand distinct timestamps and a handful
 * of channel labels; so is an expression over the same inputs as a dictionary. Other columns are
 * converted inline in layers (raw → text → local → typed).
 */
export function convertSql(d: Dialect, t: TablePlan): string {
  const q = d.quoteIdent;
  const name = t.table;
  const header = t.source.columns;
  // An expression over exactly the inputs of a dictionary is converted in it too: those inputs are
  // found distinct anyway (utility 1's channel name from the label its unit and direction come from).
  const dictInputs = new Set(t.columns.filter(dictionary).map((c) => JSON.stringify(c.reads)));
  const inDict = (c: ColumnPlan) => dictionary(c) || (c.value.kind === 'expr' && dictInputs.has(JSON.stringify(c.reads)));
  const cols = t.columns.map((c) => ({ c, sql: columnSql(d, c, q), dict: inDict(c) }));
  const inline = cols.filter((x) => !x.dict);
  // One dictionary per set of source columns: unit, direction and channel of one label share one.
  const groups = new Map<string, { c: ColumnPlan; sql: ColumnSql }[]>();
  for (const x of cols.filter((y) => y.dict)) {
    const key = JSON.stringify(x.c.reads);
    groups.set(key, [...(groups.get(key) ?? []), x]);
  }
  const dicts = [...groups.values()];

  const scans = t.source.files.map(
    (f, i) =>
      `SELECT ${i} AS __file_index, ${d.rowNumber(t.source.csv.header ? 1 : 0)} AS __line, * FROM ${q(work.raw(name, i))}`,
  );
  const ctes = [`src AS (\n  ${scans.join('\n  UNION ALL\n  ')}\n)`];
  // Dictionaries read the loaded text directly, so `src` is used once and streams (no CTE copy).
  const rawUnion = t.source.files.map((_, i) => `SELECT * FROM ${q(work.raw(name, i))}`).join(' UNION ALL ');
  dicts.forEach((g, i) => ctes.push(...dictionaryCtes(d, g, i, rawUnion)));
  const joins = dicts.map((g, i) => `LEFT JOIN dict${i} ON ${g[0].c.reads.map((k) => `dict${i}.${q(k)} IS NOT DISTINCT FROM src.${q(k)}`).join(' AND ')}`);
  const fromDicts = dicts.flatMap((g, i) => g.flatMap(({ c }) => [`dict${i}.${q(ref.typed(c.name))}`, `dict${i}.${q(why(c.name))}`]));
  ctes.push(`l0 AS (SELECT src.*${fromDicts.map((x) => ', ' + x).join('')} FROM src${joins.length ? ' ' + joins.join(' ') : ''})`);
  ctes.push(...layers(inline.map((x) => x.sql), inline.map((x) => x.c), q, 'l0', 'l'));

  const typed = (n: string) => q(ref.typed(n));
  const reasons = cols.flatMap(({ c, sql, dict }) => (dict ? [q(why(c.name))] : sql.reasons));
  const reason = reasons.length ? `COALESCE(${reasons.join(',\n    ')})` : 'NULL';
  let keep = 'TRUE';
  if (t.filter) {
    const mapped = new Map(t.columns.map((c) => [c.name, c.type]));
    const scope = { columns: filterColumns(mapped, header), ref: filterRef(mapped, typed, q) };
    const r = compileExpression(t.filter.expr, scope, d);
    if (!r.ok) throw new Error(`filter of ${name} no longer compiles`);
    keep = `COALESCE(${r.sql}, FALSE)`;
  }
  const computed = t.computed.map((c) => `${d.addSeconds(typed(c.args[0]), typed(c.args[1]))} AS ${q(c.name)}`);
  ctes.push(`checked AS (SELECT *, ${reason} AS __reason FROM l3)`);
  const record = d.recordJson(header.map((s) => [s, q(s)]));
  return `CREATE OR REPLACE TEMP TABLE ${q(work.conv(name))} AS
WITH ${ctes.join(',\n')}
SELECT __file_index, __line, __reason,
  CASE WHEN __reason IS NOT NULL THEN ${record} END AS __record,
  CASE WHEN __reason IS NULL THEN ${keep} ELSE FALSE END AS __keep,
  ${[...t.columns.map((c) => `${typed(c.name)} AS ${q(c.name)}`), ...computed].join(',\n  ')}
FROM checked`;
}

const why = (c: string) => `w.${c}`;

/**
 * The file of a converted row, from its `__file_index` (`index`). The converted rows carry the index,
 * not the name: a name stored on every row is a string copied per row (10M rows of a 31-character
 * constant took ~6x the time of storing a number, and ~50 bytes a row).
 */
export function fileNameSql(d: Dialect, t: TablePlan, displayPath: (f: string) => string, index: string): string {
  const names = t.source.files.map((f) => d.string(displayPath(f)));
  if (names.length === 1) return names[0];
  return `CASE ${index} ${names.map((n, i) => `WHEN ${i} THEN ${n}`).join(' ')} END`;
}

/**
 * Converted once per distinct input: local timestamps (time-zone rules per value are costly) and
 * code maps / regular expressions over a source column. ISO 8601 and epoch values are cheap to
 * convert and often all distinct (update times), so they stay inline.
 */
function dictionary(c: ColumnPlan): boolean {
  if (c.value.kind !== 'source') return false;
  if (c.map || c.match || c.extract) return true;
  return (c.type === 'timestamp' && c.timestamp?.format === 'strftime') || c.type === 'date';
}

/** The layers raw → text → shape → local → typed as CTEs named `<prefix>1..3` over `from` (shape: `1c`). */
function layers(sqls: ColumnSql[], cols: ColumnPlan[], q: (s: string) => string, from: string, prefix: string): string[] {
  const add = (pick: (s: ColumnSql, c: ColumnPlan) => string | undefined) =>
    sqls.flatMap((s, i) => {
      const x = pick(s, cols[i]);
      return x === undefined ? [] : [', ' + x];
    }).join('');
  const shapes = add((s, c) => (s.shape ? `${s.shape} AS ${q(ref.shape(c.name))}` : undefined));
  const beforeLocal = shapes ? `${prefix}1c` : `${prefix}1b`;
  return [
    `${prefix}1 AS (SELECT *${add((s, c) => `${s.raw} AS ${q(ref.raw(c.name))}`)} FROM ${from})`,
    `${prefix}1b AS (SELECT *${add((s, c) => `${s.text} AS ${q(ref.text(c.name))}`)} FROM ${prefix}1)`,
    ...(shapes ? [`${prefix}1c AS (SELECT *${shapes} FROM ${prefix}1b)`] : []),
    `${prefix}2 AS (SELECT *${add((s, c) => (s.local ? `${s.local} AS ${q(ref.local(c.name))}` : undefined))} FROM ${
      beforeLocal
    })`,
    `${prefix}3 AS (SELECT *${add((s, c) => `${s.typed} AS ${q(ref.typed(c.name))}`)} FROM ${prefix}2)`,
  ];
}

/** A dictionary as CTEs `dict<i>_*`: the distinct inputs, each one's typed values and reject reasons. */
function dictionaryCtes(d: Dialect, group: { c: ColumnPlan; sql: ColumnSql }[], i: number, raw: string): string[] {
  const q = d.quoteIdent;
  const keys = group[0].c.reads.map(q).join(', ');
  const prefix = `dict${i}_`;
  const reasonOf = (sql: ColumnSql) => (sql.reasons.length ? `COALESCE(${sql.reasons.join(', ')})` : 'NULL');
  const outputs = group.map(({ c, sql }) => `${q(ref.typed(c.name))}, ${reasonOf(sql)} AS ${q(why(c.name))}`);
  return [
    `${prefix}0 AS (SELECT DISTINCT ${keys} FROM (${raw}))`,
    ...layers(group.map((x) => x.sql), group.map((x) => x.c), q, `${prefix}0`, prefix),
    `dict${i} AS (SELECT ${keys}, ${outputs.join(', ')} FROM ${prefix}3)`,
  ];
}

/** The kept rows before deduplication with their lineage columns (data-quality rules `before_dedupe`). */
export function convertedRows(d: Dialect, t: TablePlan, display = defaultDisplay): string {
  const file = fileNameSql(d, t, display, '__file_index');
  return `(SELECT *, ${file} AS source_file, __line AS source_line FROM ${d.quoteIdent(work.conv(t.table))} WHERE __keep)`;
}

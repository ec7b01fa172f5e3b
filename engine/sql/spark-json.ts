/**
 * JSON text on Spark exactly as DuckDB's `to_json` writes it, for the records of rejects,
 * quarantine and failure samples. Spark's `to_json` differs in two places, both rendered here by
 * the field's type: instants (DuckDB prints fractional seconds with trailing zeros trimmed —
 * `09:15:00.5+00` —, Spark's `timestampFormat` has a fixed number of digits or none) and doubles
 * (DuckDB writes plain digits from 1e-6 up to 1e21, `100000000000000000000.0`, and `1e21`, `1e-7`
 * outside; Spark writes Java's `1.0E20`, `1.0E-4`, `1.23456789E7`). Other values (strings,
 * integers, booleans, dates, NULL) are written by Spark's `to_json` the same way DuckDB's are.
 */
import type { SqlType } from './dialect.ts';

/** A field of a record: name, SQL expression, and its type when known (untyped fields are rendered by `to_json`). */
export type JsonField = [name: string, expr: string, type?: SqlType];

/** The JSON of one value, as `to_json` renders it inside an array, without the brackets. */
const plainJson = (expr: string, options: string) => `regexp_extract(to_json(array(${expr}), ${options}), '^\\\\[(.*)\\\\]$', 1)`;

/** An instant as DuckDB's TIMESTAMPTZ text (session time zone UTC): CAST trims trailing zeros of the fraction. */
const instantJson = (expr: string) => `CASE WHEN ${expr} IS NULL THEN 'null' ELSE concat('"', CAST(${expr} AS STRING), '+00"') END`;

/**
 * A double as DuckDB writes it in JSON, from Spark's text of it (Java's shortest digits: plain from
 * 1e-3 to 1e7, else `d.dddE±n`): the digits and exponent are taken apart and written out as
 * DuckDB does — plain with `.0` when integral for 1e-6 ≤ |x| < 1e21, else `d.ddde±n`.
 */
export function doubleJson(expr: string): string {
  const text = `CAST(${expr} AS STRING)`;
  const part = (i: number) => `regexp_extract(t, '^(-?)([0-9])\\\\.([0-9]+)E(-?[0-9]+)$', ${i})`;
  // sign, all significant digits (the fraction's trailing zeros dropped), decimal exponent
  const [sign, digits, exp] = [part(1), `concat(${part(2)}, regexp_replace(${part(3)}, '0+$', ''))`, `CAST(${part(4)} AS INT)`];
  const sci = `concat(${sign}, ${part(2)}, CASE WHEN regexp_replace(${part(3)}, '0+$', '') = '' THEN '' ELSE concat('.', regexp_replace(${part(3)}, '0+$', '')) END, 'e', ${part(4)})`;
  const whole = `CASE WHEN length(${digits}) <= ${exp} + 1 THEN concat(rpad(${digits}, ${exp} + 1, '0'), '.0') ELSE concat(substr(${digits}, 1, ${exp} + 1), '.', substr(${digits}, ${exp} + 2)) END`;
  const big = `concat(${sign}, ${whole})`;
  const small = `concat(${sign}, '0.', repeat('0', -${exp} - 1), ${digits})`;
  const rewrite = `CASE WHEN NOT t LIKE '%E%' THEN t WHEN ${exp} >= 21 OR ${exp} <= -7 THEN ${sci} WHEN ${exp} > 0 THEN ${big} ELSE ${small} END`;
  // `aggregate` over a one-element array binds the text to `t` once.
  return `CASE WHEN ${expr} IS NULL THEN 'null' ELSE aggregate(array(${text}), '', (acc, t) -> ${rewrite}) END`;
}

function valueJson(expr: string, type: SqlType | undefined, options: string): string {
  if (type === 'timestamp') return instantJson(expr);
  if (type === 'double') return doubleJson(expr);
  return plainJson(expr, options);
}

/** `{"name":value,…}` of typed fields; the names are written as JSON strings at compile time. */
export function typedRecordJson(fields: JsonField[], options: string, string: (s: string) => string): string {
  const parts = fields.map(([name, expr, type]) => `concat(${string(JSON.stringify(name) + ':')}, ${valueJson(expr, type, options)})`);
  return `concat('{', ${parts.length ? `concat_ws(',', ${parts.join(', ')})` : "''"}, '}')`;
}

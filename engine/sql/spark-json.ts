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
const plainJson = (expr: string, options: string) =>
  `regexp_extract(to_json(array(${expr}), ${options}), '^\\\\[(.*)\\\\]$', 1)`;

/** An instant as DuckDB's TIMESTAMPTZ text (session time zone UTC): CAST trims trailing zeros of the fraction. */
const instantJson = (expr: string) =>
  `CASE WHEN ${expr} IS NULL THEN 'null' ELSE concat('"', CAST(${expr} AS STRING), '+00"') END`;

/** How DuckDB writes a double: plain digits for exponents in [min, max], else `d.ddde…` with its exponent text. */
interface DoubleStyle {
  plain: [min: number, max: number];
  /** The exponent's text from its number (SQL of an INT). */
  exponent: (exp: string) => string;
  /** NaN and the infinities. */
  special: Record<'NaN' | 'Infinity' | '-Infinity', string>;
}

/** In JSON text (yyjson): `1e21`, `1e-7`, plain from 1e-6 up to 1e21, `NaN`. */
const JSON_STYLE: DoubleStyle = {
  plain: [-6, 20],
  exponent: (exp) => `CAST(${exp} AS STRING)`,
  special: { NaN: 'NaN', Infinity: 'Infinity', '-Infinity': '-Infinity' },
};

/** In `CAST(x AS VARCHAR)`: `1e+16`, `1e-05`, plain from 1e-4 up to 1e16, `nan`, `inf`. */
const CAST_STYLE: DoubleStyle = {
  plain: [-4, 15],
  // at least two digits (lpad would cut a longer exponent)
  exponent: (exp) =>
    `concat(CASE WHEN ${exp} < 0 THEN '-' ELSE '+' END, CASE WHEN abs(${exp}) < 10 THEN '0' ELSE '' END, ` +
    `CAST(abs(${exp}) AS STRING))`,
  special: { NaN: 'nan', Infinity: 'inf', '-Infinity': '-inf' },
};

/**
 * A double as DuckDB writes it, from Spark's text of it (Java's digits: plain from 1e-3 to 1e7, else
 * `d.dddE±n`): the sign, significant digits and exponent are taken apart and written in DuckDB's
 * style — plain with `.0` when integral inside the style's range, else `d.ddde±n`.
 */
function doubleText(expr: string, style: DoubleStyle): string {
  const part = (i: number) => `regexp_extract(t, '^(-?)([0-9])\\\\.([0-9]+)E(-?[0-9]+)$', ${i})`;
  const fraction = `regexp_replace(${part(3)}, '0+$', '')`;
  const [sign, digits, exp] = [part(1), `concat(${part(2)}, ${fraction})`, `CAST(${part(4)} AS INT)`];
  const mantissa = `concat(${part(2)}, CASE WHEN ${fraction} = '' THEN '' ELSE concat('.', ${fraction}) END)`;
  const sci = `concat(${sign}, ${mantissa}, 'e', ${style.exponent(exp)})`;
  const n = `${exp} + 1`;
  const padded = `concat(rpad(${digits}, ${n}, '0'), '.0')`;
  const split = `concat(substr(${digits}, 1, ${n}), '.', substr(${digits}, ${n} + 1))`;
  const whole = `CASE WHEN length(${digits}) <= ${n} THEN ${padded} ELSE ${split} END`;
  const small = `concat('0.', repeat('0', -${exp} - 1), ${digits})`;
  const [min, max] = style.plain;
  const special = Object.entries(style.special).map(([java, duck]) => `WHEN t = '${java}' THEN '${duck}'`).join(' ');
  const rewrite = `CASE ${special} WHEN NOT t LIKE '%E%' THEN t WHEN ${exp} < ${min} OR ${exp} > ${max} THEN ${sci} ` +
    `WHEN ${exp} > 0 THEN concat(${sign}, ${whole}) ELSE concat(${sign}, ${small}) END`;
  // `aggregate` over a one-element array binds the text to `t` once.
  return `aggregate(array(CAST(${expr} AS STRING)), CAST(NULL AS STRING), (acc, t) -> ${rewrite})`;
}

/** A double in JSON text as DuckDB's `to_json` writes it (`null` when NULL). */
export const doubleJson = (expr: string): string => `coalesce(${doubleText(expr, JSON_STYLE)}, 'null')`;

/** A number as DuckDB's `CAST(x AS VARCHAR)` writes it (NULL when NULL); integers are left as they are. */
export const doubleCastText = (expr: string): string => doubleText(expr, CAST_STYLE);

function valueJson(expr: string, type: SqlType | undefined, options: string): string {
  if (type === 'timestamp') return instantJson(expr);
  if (type === 'double') return doubleJson(expr);
  return plainJson(expr, options);
}

/** `{"name":value,…}` of typed fields; the names are written as JSON strings at compile time. */
export function typedRecordJson(fields: JsonField[], options: string, string: (s: string) => string): string {
  const parts = fields.map(([name, expr, type]) => {
    const key = string(JSON.stringify(name) + ':');
    return `concat(${key}, ${valueJson(expr, type, options)})`;
  });
  return `concat('{', ${parts.length ? `concat_ws(',', ${parts.join(', ')})` : "''"}, '}')`;
}

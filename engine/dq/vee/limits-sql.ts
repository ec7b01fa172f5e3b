import { rowColumns, type VeeInput } from './vee-parts.ts';

export interface Limit {
  min?: number;
  max?: number;
}

/**
 * `limits`: high/low limits per meter class. The class is a column of the meters table
 * (`meter_class`, e.g. meter_category: RESIDENTIAL, COMMERCIAL), read per meter (the smallest
 * value when a meter's rows disagree); `limits` maps each class value to its `min`/`max`, and
 * `default` applies to the meters of any other class, without a class or unknown to the meters
 * table (without `default` they are not checked). Bounds are inclusive: a value equal to one passes.
 * The limits hold for the rows in scope, so a rule narrows them with `where` to one unit and
 * interval length (15-minute kWh) — one rule per unit and interval length.
 */
export function limitsFailing(v: VeeInput, meters: string, utility: string): string {
  const { d } = v;
  const q = d.quoteIdent;
  const x = `f.${q(v.column)}`;
  const limits = v.options.limits as Record<string, Limit>;
  const fallback = v.options.default as Limit | undefined;
  const bound = (k: 'min' | 'max') => {
    const cases = Object.entries(limits)
      .filter(([, l]) => l[k] !== undefined)
      .map(([cls, l]) => `WHEN ${d.string(cls)} THEN ${Number(l[k])}`);
    const other = fallback?.[k] !== undefined ? String(Number(fallback[k])) : 'NULL';
    return cases.length ? `CASE c.meter_class ${cases.join(' ')} ELSE ${other} END` : other;
  };
  const classes = `SELECT meter_id, min(${q(v.options.meter_class)}) AS meter_class
  FROM ${meters} WHERE utility_id = ${d.string(utility)} GROUP BY meter_id`;
  const bounded = `SELECT t.*, c.meter_class, ${bound('min')} AS low, ${bound('max')} AS high
  FROM (${v.scoped}) t LEFT JOIN (${classes}) c ON c.meter_id = t.meter_id`;
  const cls = `COALESCE(f.meter_class, 'no class')`;
  const side = `CASE WHEN ${x} > f.high THEN ' above max ' || ${d.numberText('f.high')}
    ELSE ' below min ' || ${d.numberText('f.low')} END`;
  return `SELECT ${rowColumns(d, v.available, 'f')}, f.meter_class, ${cls} || ':' || ${side} AS finding
FROM (${bounded}) f WHERE ${x} < f.low OR ${x} > f.high`;
}

import type { Engine } from '../engines/engine.ts';
import type { Dialect } from '../sql/dialect.ts';
import { keyText } from './failing-rows.ts';

/** A checked rule's failing rows, stored in `failing`; `total` is its rows in scope (a count or a query). */
export interface FiguresOf {
  failing: string;
  keys: string[];
  total: string;
}

/** A rule's counts and the first (up to 5) of its distinct failing keys, as text. */
export interface Figures {
  failing: number;
  total: number;
  distinctKeys?: number;
  sample: string[];
}

/**
 * The counts and first distinct failing keys of several rules in ONE query (a statement costs a
 * fixed time on Spark): one branch per rule, a UNION ALL. A rule's keys are named by its position
 * (`gf_k<rule>_<key>`) and NULL in the other rules' branches, so the branches line up whatever the
 * keys; ordering by every rule's keys (NULLS LAST spelled out: DuckDB's default, not Spark's) orders
 * each branch by its own, as a query per rule did.
 */
export async function queryFigures(engine: Engine, d: Dialect, rules: FiguresOf[]): Promise<Figures[]> {
  const q = d.quoteIdent;
  const alias = (rule: number, key: number) => q(`gf_k${rule}_${key}`);
  const all = rules.flatMap((r, i) => r.keys.map((_, k) => ({ rule: i, key: k })));
  const branch = (r: FiguresOf, i: number) => {
    const keys = r.keys.map(q).join(', ');
    const figures = [
      `(SELECT count(*) FROM ${r.failing}) AS gf_failing`,
      `${r.total} AS gf_total`,
      keys ? `(SELECT count(*) FROM (SELECT DISTINCT ${keys} FROM ${r.failing}) k) AS gf_keys` : 'NULL AS gf_keys',
    ];
    const columns = all.map((a) => `${a.rule === i ? `s.${q(r.keys[a.key])}` : 'NULL'} AS ${alias(a.rule, a.key)}`);
    const order = r.keys.map((k) => `${q(k)} NULLS LAST`).join(', ');
    const first = `SELECT DISTINCT ${keys} FROM ${r.failing} ORDER BY ${order} LIMIT 5`;
    const counts = `(SELECT ${figures.join(', ')}) c`;
    const from = keys ? `${counts} LEFT JOIN (${first}) s ON TRUE` : counts;
    const items = [`${i} AS gf_rule`, 'c.gf_failing', 'c.gf_total', 'c.gf_keys', ...columns];
    return `SELECT ${items.join(', ')} FROM ${from}`;
  };
  const order = ['gf_rule', ...all.map((a) => `${alias(a.rule, a.key)} NULLS LAST`)].join(', ');
  const union = rules.map(branch).join('\nUNION ALL\n');
  const rows = await engine.query<Record<string, unknown>>(`SELECT * FROM (${union}) f ORDER BY ${order}`);
  return rules.map((r, i) => {
    const own = rows.filter((row) => Number(row.gf_rule) === i);
    const [failing, total] = [Number(own[0].gf_failing), Number(own[0].gf_total)];
    const distinctKeys = r.keys.length ? Number(own[0].gf_keys) : undefined;
    const keyRow = (row: Record<string, unknown>) =>
      Object.fromEntries(r.keys.map((k, j) => [k, row[`gf_k${i}_${j}`]]));
    const sample = failing > 0 && r.keys.length ? own.map((row) => keyText(keyRow(row))) : [];
    return { failing, total, distinctKeys, sample };
  });
}

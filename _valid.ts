import { DuckDBInstance } from '@duckdb/node-api';
import { compileExpression } from './engine/expr/compile-expression.ts';
import { duckdbDialect as d } from './engine/sql/duckdb-dialect.ts';
const cols = new Map<string, any>([['city','string'],['value','double'],['n','integer'],['b','boolean'],['ts','timestamp']]);
const db = await DuckDBInstance.create(':memory:'); const c = await db.connect();
await c.run(`create table t as select * from (values ('Boston', 2.5, 3, true, TIMESTAMPTZ '2024-01-01 00:00:00+00'), (NULL, NULL, NULL, NULL, NULL)) v(city, value, n, b, ts)`);
for (const e of process.argv.slice(2)) {
  const r = compileExpression(e, { columns: cols, ref: (x) => d.quoteIdent(x) }, d);
  if (!r.ok) { console.log(e, 'ERRORS', JSON.stringify(r.errors)); continue; }
  try { const o = await c.runAndReadAll(`select ${r.sql} as r from t`); console.log(e, '|', r.sql, '|', r.type, '=>', JSON.stringify(o.getRowObjectsJson().map(x => x.r))); }
  catch (err: any) { console.log(e, '|', r.sql, 'SQLERR', err.message); }
}

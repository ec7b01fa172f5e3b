import { compileExpression } from './engine/expr/compile-expression.ts';
import { duckdbDialect } from './engine/sql/duckdb-dialect.ts';
import { sparkDialect } from './engine/sql/spark-dialect.ts';
const cols = new Map<string, any>([['premise_house_num','string'],['premise_street','string'],['meter_id','string'],['channel','bigint'],['value','double'],['quality','string'],['city','string'],['status','string'],['kwh','double'],['a"b','string'],['my col','string']]);
const exprs = process.argv.slice(2);
for (const e of exprs) {
  const out: string[] = [];
  for (const d of [duckdbDialect, sparkDialect]) {
    const r = compileExpression(e, { columns: cols, ref: (n) => d.quoteIdent(n) }, d);
    out.push(r.ok ? r.sql + '   :: ' + r.type : JSON.stringify(r.errors));
  }
  console.log(e + '\n  D: ' + out[0] + '\n  S: ' + out[1]);
}

import { compileExpression } from './engine/expr/compile-expression.ts';
import { duckdbDialect } from './engine/sql/duckdb-dialect.ts';
import { sparkDialect } from './engine/sql/spark-dialect.ts';
const cols = new Map<string, any>([['premise_house_num','string'],['premise_street','string'],['meter_id','string'],['channel','bigint'],['value','double'],['quality','string'],['city','string'],['status','string'],['a"b','string'],['my col','string']]);
for (const d of [duckdbDialect, sparkDialect]) {
  const scope = { columns: cols, ref: (n: string) => d.quoteIdent(n) };
  for (const e of process.argv.slice(2)) console.log(d.name, e, '\n   ', JSON.stringify(compileExpression(e, scope, d)));
}

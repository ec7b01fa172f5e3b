/**
 * A gridflow Spark statement as Databricks SQL runs it in a job, where every SQL task is its own
 * session: working tables (`TEMP TABLE`, `TEMP VIEW`) become tables and views of the job's working
 * schema, DuckDB-style `"quoted"` identifiers (which the local engine allows by a session setting)
 * become backticks, and a length-less `VARCHAR` becomes `STRING`. String literals are left alone.
 */
const HEADS: [RegExp, string][] = [
  [/^CREATE OR REPLACE TEMP TABLE /gm, 'CREATE OR REPLACE TABLE '],
  [/^CREATE TEMP TABLE IF NOT EXISTS /gm, 'CREATE TABLE IF NOT EXISTS '],
  [/^CREATE OR REPLACE TEMP VIEW /gm, 'CREATE OR REPLACE VIEW '],
];

export function databricksSql(sql: string): string {
  let out = sql;
  for (const [head, to] of HEADS) out = out.replace(head, to);
  const backtick = (_: string, n: string) => `\`${n.replace(/""/g, '"')}\``;
  const backticks = (code: string) => code.replace(/"((?:[^"]|"")+)"/g, backtick);
  return outsideLiterals(out, (code) => backticks(code).replace(/\bVARCHAR\b(?!\s*\()/g, 'STRING'));
}

/** Applies `f` to the parts of `sql` outside '…' literals (backslash escapes) and `…` identifiers. */
function outsideLiterals(sql: string, f: (code: string) => string): string {
  const parts = sql.split(/('(?:[^'\\]|\\.)*'|`(?:[^`]|``)*`)/s);
  return parts.map((p, i) => (i % 2 ? p : f(p))).join('');
}

/** Names of the working tables and views a statement text creates (for the job's cleanup task). */
export function createdObjects(sql: string): { name: string; view: boolean }[] {
  const re = /^CREATE (?:OR REPLACE )?(TABLE|VIEW) (?:IF NOT EXISTS )?(`(?:[^`]|``)+`)/gm;
  return [...sql.matchAll(re)].map((m) => ({ name: m[2], view: m[1] === 'VIEW' }));
}

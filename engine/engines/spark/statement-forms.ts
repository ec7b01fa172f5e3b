/**
 * The statement forms of a gridflow run that open-source Spark SQL has no statement for, and the
 * runner request each one becomes. The compiler's working tables are session tables (`CREATE OR
 * REPLACE TEMP TABLE`, `INSERT INTO`, `DELETE FROM`, `DROP TABLE`): Spark has temp views but no temp
 * tables and no DML on views, so the runner keeps each working table as a checkpointed DataFrame
 * and an insert or delete replaces it with a query over its old rows (the runner defers inserts
 * until the table is read). An empty table (a column list) and a temp view need no Spark job: the
 * runner keeps them as DataFrames computed where they are read (snapshots of the tables they read, as
 * a working table is). The Parquet write (`COPY (…)
 * TO 'dir' (FORMAT parquet, PARTITION_BY (…))`) becomes a DataFrame write. Everything else is Spark
 * SQL and runs as it is. Only the heads of statements are read here; their bodies are Spark SQL.
 */
export type SparkRequest =
  | { op: 'sql'; sql: string }
  | { op: 'table' | 'view'; name: string; sql: string; ifNotExists?: boolean }
  /** `sql`: the table's old rows and the new ones; `rows`: the new ones. */
  | { op: 'insert'; name: string; sql: string; rows: string }
  | { op: 'drop'; name: string }
  | { op: 'write'; sql: string; dir: string; partitionBy: string[] };

const ident = String.raw`("(?:[^"]|"")+"|\x60(?:[^\x60]|\x60\x60)+\x60|[A-Za-z_][A-Za-z0-9_]*)`;
const forms: [RegExp, (m: RegExpMatchArray) => SparkRequest][] = [
  [
    new RegExp(String.raw`^CREATE OR REPLACE TEMP TABLE ${ident} AS\s+([\s\S]+)$`, 'i'),
    (m) => ({ op: 'table', name: bare(m[1]), sql: m[2] }),
  ],
  [
    new RegExp(String.raw`^CREATE OR REPLACE TEMP TABLE ${ident} \(([^()]+)\)$`, 'i'),
    (m) => ({ op: 'view', name: bare(m[1]), sql: emptyTable(m[2]) }),
  ],
  [
    new RegExp(String.raw`^CREATE TEMP TABLE IF NOT EXISTS ${ident} \(([\s\S]+)\)$`, 'i'),
    (m) => ({ op: 'view', name: bare(m[1]), sql: emptyTable(m[2]), ifNotExists: true }),
  ],
  [
    new RegExp(String.raw`^CREATE OR REPLACE TEMP VIEW ${ident} AS\s+([\s\S]+)$`, 'i'),
    (m) => ({ op: 'view', name: bare(m[1]), sql: m[2] }),
  ],
  [
    new RegExp(String.raw`^INSERT INTO ${ident}\s+([\s\S]+)$`, 'i'),
    (m) => {
      const sql = `SELECT * FROM ${m[1]} UNION ALL SELECT * FROM (${m[2]})`;
      return { op: 'insert', name: bare(m[1]), sql, rows: m[2] };
    },
  ],
  [
    new RegExp(String.raw`^DELETE FROM ${ident}(?:\s+WHERE\s+([\s\S]+))?$`, 'i'),
    (m) => {
      const keep = m[2] ? `NOT coalesce((${m[2]}), false)` : 'false';
      return { op: 'table', name: bare(m[1]), sql: `SELECT * FROM ${m[1]} WHERE ${keep}` };
    },
  ],
  [new RegExp(String.raw`^DROP (?:TABLE|VIEW) IF EXISTS ${ident}$`, 'i'), (m) => ({ op: 'drop', name: bare(m[1]) })],
  [
    /^COPY \(([\s\S]+)\) TO '((?:[^']|'')+)' \(FORMAT parquet(?:, PARTITION_BY \(([^)]*)\))?\)$/i,
    (m) => {
      const partitionBy = m[3] ? m[3].split(',').map((c) => bare(c.trim())) : [];
      return { op: 'write', sql: m[1], dir: m[2].replace(/''/g, "'"), partitionBy };
    },
  ],
];

/** The runner requests of one statement text (several statements are separated by `;` and a newline). */
export function sparkRequests(text: string): SparkRequest[] {
  return text
    .split(/;\s*\n(?=\s*(?:CREATE|INSERT|DELETE|DROP|COPY|SELECT|WITH)\b)|;\s*(?=DROP\b)/i)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter(Boolean)
    .map((s) => {
      for (const [re, make] of forms) {
        const m = re.exec(s);
        if (m) return make(m);
      }
      return { op: 'sql', sql: s };
    });
}

function bare(quoted: string): string {
  if (quoted.startsWith('"')) return quoted.slice(1, -1).replace(/""/g, '"');
  if (quoted.startsWith('`')) return quoted.slice(1, -1).replace(/``/g, '`');
  return quoted;
}

/** `a VARCHAR, "b" BIGINT` → an empty query with those columns (Spark types). */
function emptyTable(columns: string): string {
  const types: Record<string, string> = { VARCHAR: 'STRING', TEXT: 'STRING' };
  const cols = columns.split(',').map((c) => {
    const [name, type] = c.trim().split(/\s+/);
    return `CAST(NULL AS ${types[type.toUpperCase()] ?? type}) AS ${name}`;
  });
  return `SELECT ${cols.join(', ')} WHERE false`;
}

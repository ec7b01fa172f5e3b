/**
 * The Databricks dialect as a deployed job runs it: the same hooks as `databricks` (spark-dialect.ts)
 * except where a job differs from a local session. Source files are read from the job's `input_dir`
 * parameter (`read_files`, whose block offsets are `_metadata.file_block_start`); pseudonyms hash with
 * the key blocks the job derives from its secret (job-key.ts); each table is written as a Delta table
 * of the `output_schema` parameter, replacing only the rows of this utility.
 */
import path from 'node:path';
import type { Dialect } from '../../sql/dialect.ts';
import { databricksDialect, sparkString } from '../../sql/spark-dialect.ts';
import { KEY_VARIABLES } from './job-key.ts';

/** Where the emit compiles the staging folder: written table names are read back from it. */
export const JOB_STAGE = '/gridflow-job-stage';

/** `standardized/intervals` → `standardized_intervals`: one Delta table per published table. */
export function outputTableName(dir: string): string {
  return path.relative(JOB_STAGE, dir).split(path.sep).join('_');
}

const q = (name: string) => `\`${name.replace(/`/g, '``')}\``;
export const outputTable = (name: string) => `IDENTIFIER(:output_schema || '.' || ${sparkString(name)})`;

export function jobDialect(utility: string, inputs: Map<string, string>): Dialect {
  const base = databricksDialect;
  const fromInput = (sql: string) => {
    let out = sql.replaceAll('input_file_block_start()', '_metadata.file_block_start');
    for (const [file, relative] of inputs) {
      const from = `read_files(:input_dir || ${sparkString('/' + relative)}, format => 'text')`;
      out = out.replaceAll(`text.${q(file)}`, from);
    }
    if (out.includes('FROM text.`')) throw new Error(`a source file of ${utility} is not under the job's input folder`);
    return out;
  };
  return {
    ...base,
    readCsv: (file, columns, csv, rejects) => fromInput(base.readCsv(file, columns, csv, rejects)),
    loadCsv: (raw, errors, file, columns, csv) => fromInput(base.loadCsv(raw, errors, file, columns, csv)),
    // HMAC as spark-dialect.ts computes it, with the key blocks from session variables, not literals.
    hmacSha256Hex: (x) => {
      const inner = `sha2(concat(unhex(${KEY_VARIABLES.ipad}), encode(CAST(${x} AS STRING), 'UTF-8')), 256)`;
      return `sha2(concat(unhex(${KEY_VARIABLES.opad}), unhex(${inner})), 256)`;
    },
    // A new table takes the rows' columns and partitioning; later runs replace this utility's rows only.
    writeParquet: (select, dir, partitionBy) => {
      const table = outputTable(outputTableName(dir));
      const parts = partitionBy.length ? ` PARTITIONED BY (${partitionBy.map(q).join(', ')})` : '';
      return [
        `CREATE TABLE IF NOT EXISTS ${table}${parts} AS SELECT * FROM (${select}) WHERE false`,
        `INSERT INTO ${table} REPLACE WHERE utility_id = ${sparkString(utility)} ${select}`,
      ].join(';\n');
    },
  };
}

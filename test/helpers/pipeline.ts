import path from 'node:path';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { runPlans, type RunResult } from '../../engine/run/run-plans.ts';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.ts';
import { tempDir } from './tmp.ts';
import { parquetGlob, withDuckDb } from './duckdb.ts';

/**
 * Runs a mapping given as YAML text over small CSV files written to a temporary folder, and reads
 * back the published tables. `files` maps a path relative to the mapping to its content.
 */
export interface PipelineResult {
  diagnostics: Diagnostic[];
  result?: RunResult;
  outDir: string;
  /** Rows of a published table (standardized or rejects), ordered as given (default: file order). */
  rows(table: string, opts?: { layer?: string; orderBy?: string; where?: string }): Promise<Record<string, any>[]>;
  account(table: string): RunResult['accounts'][number];
}

export async function runPipeline(yaml: string, files: Record<string, string | Buffer>): Promise<PipelineResult> {
  const t = tempDir();
  for (const [rel, text] of Object.entries(files)) t.write(rel, text);
  const mapping = t.write('mapping.yaml', yaml);
  const outDir = path.join(t.dir, 'out');
  const { plan, diagnostics } = readMapping(mapping);
  const result = plan ? await runPlans([plan], { outDir, engine: { threads: 2 } }) : undefined;
  return {
    diagnostics,
    result,
    outDir,
    rows: (table, opts = {}) =>
      withDuckDb(({ query }) =>
        query(
          `SELECT * EXCLUDE (utility_id) FROM ${parquetGlob(outDir, opts.layer ?? 'standardized', table)}${opts.where ? ` WHERE ${opts.where}` : ''} ORDER BY ${opts.orderBy ?? 'source_line'}`,
        ),
      ),
    account: (table) => {
      const a = result?.accounts.find((x) => x.table === table);
      if (!a) throw new Error(`no accounting for ${table}: ${JSON.stringify(diagnostics)}`);
      return a;
    },
  };
}

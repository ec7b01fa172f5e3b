import path from 'node:path';
import type { Dialect } from '../sql/dialect.ts';
import type { Plan } from '../plan/types.ts';
import { loadModelTable } from '../model/common-model.ts';
import { tableStatements } from './table-sql.ts';
import { rejectsSql } from './rejects-sql.ts';
import { meterPeriodsStatements } from './meter-periods-sql.ts';
import { work, type Statement, type WriteStatement } from '../sql/statement.ts';
import { parquetWrite } from '../sql/parquet-write.ts';

export type { WriteStatement };
import { displayPath } from '../util/display-path.ts';
import type { HmacPads } from '../util/pseudonym-key.ts';
import { stageStatements } from '../stages/stage-statements.ts';
import type { Bucket } from '../stages/usage-bucket-sql.ts';

/** Where a run writes: a staging folder that the publisher later swaps into place. */
export interface CompileOptions {
  /** Folder the outputs are staged in (published to the output folder after success). */
  stageDir: string;
  /** How source paths are shown in lineage columns (relative to the working folder by default). */
  displayPath?: (file: string) => string;
  /** Experience bucket (default day). */
  bucket?: Bucket;
  /** HMAC key blocks of the external level's pseudonyms (see util/pseudonym-key.ts). */
  pseudonym?: HmacPads;
}

export interface CompiledPlan {
  utility: string;
  /** Standardization: read, convert, reject, deduplicate, join. */
  statements: Statement[];
  /** Built-in stages after data-quality checks of the standardized tables. */
  stageStatements: Statement[];
  /** Writes of the standardized tables, their rejects and the stage outputs, in order. */
  writes: WriteStatement[];
}

/** The run half, step 1: a plan → SQL statements for a dialect. */
export function compilePlan(plan: Plan, d: Dialect, opts: CompileOptions): CompiledPlan {
  const display = opts.displayPath ?? displayPath;
  const statements = [...plan.tables.flatMap((t) => tableStatements(d, plan, t, display)), ...meterPeriodsStatements(d, plan)];
  const q = d.quoteIdent;
  const writes = plan.tables.flatMap((t): WriteStatement[] => {
    const model = loadModelTable(t.table);
    const cols = model.columns.map((c) => q(c.name)).join(', ');
    const stdDir = path.join(opts.stageDir, 'standardized', t.table);
    const rejDir = path.join(opts.stageDir, 'internal', 'rejects', t.table);
    const partitions = { partitionBy: ['utility_id'], known: { utility_id: plan.utility }, unordered: true };
    const stdSelect = `SELECT ${cols} FROM ${q(work.std(t.table))}`;
    return [
      parquetWrite(d, { layer: 'standardized', table: t.table, select: stdSelect, dir: stdDir, ...partitions }),
      // Rejects keep the raw record, which may hold PII of any column: an internal output. Unsorted,
      // like the standardized tables (readers order by source_file, source_line): sorting the JSON
      // records of a utility whose keys mostly conflict cost as much as writing them.
      parquetWrite(d, {
        layer: 'internal/rejects',
        table: t.table,
        select: rejectsSql(d, plan.utility, t, display),
        dir: rejDir,
        ...partitions,
      }),
    ];
  });
  const stages = stageStatements(d, plan, opts.stageDir, opts.bucket ?? 'day', opts.pseudonym);
  return {
    utility: plan.utility,
    statements,
    stageStatements: stages.statements,
    writes: [...writes, ...stages.writes],
  };
}

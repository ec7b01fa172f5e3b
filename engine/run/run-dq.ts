import type { HmacPads } from '../util/pseudonym-key.ts';
import path from 'node:path';
import type { Plan } from '../plan/types.ts';
import type { Dialect } from '../sql/dialect.ts';
import { work } from '../sql/statement.ts';
import type { WriteStatement } from '../sql/statement.ts';
import { parquetWrite } from '../sql/parquet-write.ts';
import { loadModelTable, STANDARD_TABLES } from '../model/common-model.ts';
import { dqTables, evaluateRules, type EvaluateOptions } from '../dq/evaluate.ts';
import type { RuleResult } from '../dq/types.ts';
import type { RulePlan } from '../plan/rules.ts';
import type { RuleContext } from '../dq/rule-sql.ts';
import { usageBucketName, usageBucketTable, type Bucket } from '../stages/usage-bucket-sql.ts';
import { usageByAreaTable } from '../stages/usage-area-screen-sql.ts';
import { usageIntervalTable } from '../stages/usage-interval-sql.ts';
import type { Engine } from '../engines/engine.ts';
import { convertedRows } from '../compile/convert-sql.ts';

/**
 * Data-quality checks inside a run, in the same engine session: phase `standardized` runs before
 * the stages (so quarantined rows never reach them), phase `stages` after them.
 */
export function runContext(
  d: Dialect,
  plan: Plan,
  runDate: Date,
  bucket: Bucket,
  pseudonym?: HmacPads,
): Omit<RuleContext, 'previousTotal'> {
  const mapped = new Map(plan.tables.map((t) => [t.table, t]));
  const stageTable: Record<string, string> = {
    usage_interval: usageIntervalTable,
    [usageBucketName(bucket)]: usageBucketTable,
    usage_by_area: usageByAreaTable,
  };
  return {
    d,
    utility: plan.utility,
    runDate,
    zone: plan.timezone,
    pseudonym,
    source: (table, beforeDedupe) => {
      if (mapped.has(table)) return beforeDedupe ? convertedRows(d, mapped.get(table)!) : d.quoteIdent(work.std(table));
      if (stageTable[table] && mapped.has('intervals')) return d.quoteIdent(stageTable[table]);
      return undefined;
    },
    repeatedKeys: (table, beforeDedupe, columns) => {
      const dedupe = mapped.get(table)?.dedupe;
      if (!beforeDedupe || !dedupe || dedupe.keep === 'fail') return undefined;
      const same = columns.length === dedupe.key.length && columns.every((c) => dedupe.key.includes(c));
      return same ? d.quoteIdent(work.rep(table)) : undefined;
    },
    uniqueKey: (table, beforeDedupe) => (beforeDedupe ? undefined : mapped.get(table)?.dedupe?.key),
    columnsOf: (table, beforeDedupe) => {
      const t = mapped.get(table);
      if (t && beforeDedupe) return ['utility_id', ...t.columns.map((c) => c.name), ...t.computed.map((c) => c.name), 'source_file', 'source_line'];
      return loadModelTable(table).columns.map((c) => c.name);
    },
  };
}

const isStandard = (r: RulePlan) => (STANDARD_TABLES as readonly string[]).includes(r.table);

export async function checkPhase(
  engine: Engine,
  phase: 'standardized' | 'stages',
  rules: RulePlan[],
  ctx: Omit<RuleContext, 'previousTotal'>,
  opts: EvaluateOptions,
): Promise<RuleResult[]> {
  const selected = rules.filter((r) => (phase === 'standardized') === isStandard(r));
  const quarantineFrom = phase === 'standardized' ? (t: string) => ctx.d.quoteIdent(work.std(t)) : undefined;
  return evaluateRules(engine, selected, ctx, { ...opts, quarantineFrom });
}

/**
 * Writes of the stored failing rows and the quarantined rows of one utility, then empties them.
 * Full values are internal outputs (`internal/…`); apps read `dq/failures`, masked at the external level.
 */
export function dqWrites(d: Dialect, utility: string, stageDir: string): { writes: WriteStatement[]; reset: string[] } {
  const u = d.string(utility);
  const columns = 'utility_id, rule, "table", status, source_file, source_line, record';
  const failures = (level: string) =>
    `SELECT ${columns} FROM ${dqTables.failures} WHERE utility_id = ${u} AND level = ${d.string(level)} ORDER BY rule, source_file, source_line`;
  const partitions = { partitionBy: ['utility_id'], known: { utility_id: utility } };
  const failuresTo = (level: string, layer: string) => {
    const dir = path.join(stageDir, layer, 'failures');
    return parquetWrite(d, { layer, table: 'failures', select: failures(level), dir, ...partitions });
  };
  const quarantined = (t: string) => `SELECT * FROM ${dqTables.quarantine}
WHERE utility_id = ${u} AND "table" = ${d.string(t)}
ORDER BY source_file, source_line, rule`;
  const quarantineDir = (t: string) => path.join(stageDir, 'internal', 'quarantine', t);
  const writes: WriteStatement[] = [
    failuresTo('external', 'dq'),
    failuresTo('internal', 'internal/dq'),
    ...STANDARD_TABLES.map((t) => {
      const target = { layer: 'internal/quarantine', table: t, select: quarantined(t), dir: quarantineDir(t) };
      return parquetWrite(d, { ...target, ...partitions });
    }),
  ];
  return { writes, reset: [`DELETE FROM ${dqTables.failures}`, `DELETE FROM ${dqTables.quarantine}`] };
}

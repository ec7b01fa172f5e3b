import type { Dialect } from '../sql/dialect.ts';
import type { TablePlan } from '../plan/types.ts';
import { work } from '../sql/statement.ts';
import { loadModelTable } from '../model/common-model.ts';
import { usageBucketName, usageBucketTable, type Bucket } from '../stages/usage-bucket-sql.ts';
import { usageIntervalTable } from '../stages/usage-interval-sql.ts';
import { accountUsageByArea } from './area-account.ts';
import type { Engine } from '../engines/engine.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { accountCoverage } from './coverage.ts';
import { accountDuplicates, type DuplicateAccount } from './duplicate-account.ts';
import { quarantineReason } from '../compile/conflicts-sql.ts';
import { rejectsSql } from '../compile/rejects-sql.ts';

/** Row accounting of one standardized table: read = written + rejected + filtered + deduplicated. */
export interface TableAccount {
  utility: string;
  table: string;
  read: number;
  written: number;
  rejected: number;
  filtered: number;
  deduplicated: number;
  /** Rows moved out by data-quality rules with action quarantine. */
  quarantined: number;
  rejectedByReason: Record<string, number>;
  /**
   * Written rows not linked to the table their foreign key refers to (value missing or unknown there),
   * per foreign-key column, e.g. `meter_id→meters`. Only for referenced tables of the same mapping.
   */
  orphans: Record<string, number>;
  /** Errors of the reader's coverage of the files (lines it lost): the run publishes nothing. */
  findings?: Diagnostic[];
  /** Exact duplicates and conflicting keys found by dedupe, with its policy (tables with a dedupe). */
  duplicates?: DuplicateAccount;
}

const n = (v: unknown) => Number(v ?? 0);

export async function accountTable(engine: Engine, d: Dialect, utility: string, t: TablePlan, mappedTables: string[], quarantined = 0): Promise<TableAccount> {
  const q = d.quoteIdent;
  const mapped = new Set([...t.columns.map((c) => c.name), ...t.lookups.map((l) => l.name)]);
  const fks = loadModelTable(t.table).columns.filter((c) => c.references && mapped.has(c.name) && mappedTables.includes(c.references.table));
  const [conv] = await engine.query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE __reason IS NULL AND NOT __keep) AS filtered, count(*) FILTER (WHERE __keep) AS kept FROM ${q(work.conv(t.table))}`,
  );
  const reasons = await engine.query<{ reason: string; n: bigint }>(
    `SELECT reason, count(*) AS n FROM (${rejectsSql(d, utility, t)}) r GROUP BY reason ORDER BY n DESC, reason`,
  );
  // One scan: each foreign key LEFT-joined to the distinct keys of the table it refers to.
  const orphanCounts = fks.map((c, i) => `count(*) FILTER (WHERE s.${q(c.name)} IS NULL OR r${i}.k IS NULL) AS fk${i}`);
  const refJoins = fks.map((c, i) => `LEFT JOIN (SELECT DISTINCT ${q(c.references!.column)} AS k FROM ${q(work.std(c.references!.table))}) r${i} ON r${i}.k = s.${q(c.name)}`);
  const [std] = await engine.query(`SELECT ${['count(*) AS written', ...orphanCounts].join(', ')} FROM ${q(work.std(t.table))} s ${refJoins.join(' ')}`);
  const rejectedByReason = Object.fromEntries(reasons.map((r) => [r.reason, n(r.n)]));
  const rejected = Object.values(rejectedByReason).reduce((a, b) => a + b, 0);
  let orphanRejected = 0;
  for (const r of reasons) {
    if (t.lookups.some((l) => l.required && r.reason.startsWith(`${l.name}: no match`))) orphanRejected += n(r.n);
    if (r.reason === quarantineReason) orphanRejected += n(r.n); // held back from the kept rows, like orphans
  }
  const { skipped, findings } = await accountCoverage(engine, d, utility, t, rejected);
  const read = n(conv.n) + skipped;
  const written = n(std.written);
  const filtered = n(conv.filtered);
  const deduplicated = n(conv.kept) - written - orphanRejected - quarantined;
  const orphans = Object.fromEntries(fks.map((c, i) => [`${c.name}→${c.references!.table}`, n(std[`fk${i}`])]));
  if (read !== written + rejected + filtered + deduplicated + quarantined || deduplicated < 0)
    throw new Error(`row accounting does not add up for ${utility}/${t.table}: read ${read} ≠ ${written} + ${rejected} + ${filtered} + ${deduplicated} + ${quarantined}`);
  const counts = { read, written, rejected, filtered, deduplicated, quarantined };
  const account: TableAccount = { utility, table: t.table, ...counts, rejectedByReason, orphans };
  if (findings.length) account.findings = findings;
  const duplicates = await accountDuplicates(engine, d, utility, t);
  if (duplicates) account.duplicates = duplicates;
  return account;
}

/** Rows of the stage tables of one utility, with the interval rows each one covers. */
export interface StageAccount {
  utility: string;
  table: string;
  rows: number;
  /**
   * For usage_interval: rows whose meter / service point is unknown. For the bucket table: intervals
   * without a service point (not placed). For usage_by_area: cells published and suppressed by reason.
   */
  notes: Record<string, number>;
}

export async function accountStages(engine: Engine, utility: string, bucket: Bucket): Promise<StageAccount[]> {
  const [p] = await engine.query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE NOT meter_known) AS unknown_meter, count(*) FILTER (WHERE NOT service_point_known) AS unknown_service_point, count(*) FILTER (WHERE service_point_id IS NULL) AS unplaced FROM "${usageIntervalTable}"`,
  );
  const [std] = await engine.query(`SELECT count(*) AS n FROM "${work.std('intervals')}"`);
  if (n(p.n) !== n(std.n)) throw new Error(`usage_interval has ${n(p.n)} rows for ${n(std.n)} intervals of ${utility}`);
  const [b] = await engine.query(`SELECT count(*) AS n FROM "${usageBucketTable}"`);
  return [
    { utility, table: 'usage_interval', rows: n(p.n), notes: { unknown_meter: n(p.unknown_meter), unknown_service_point: n(p.unknown_service_point) } },
    { utility, table: usageBucketName(bucket), rows: n(b.n), notes: { intervals_without_service_point: n(p.unplaced) } },
    { utility, table: 'usage_by_area', ...(await accountUsageByArea(engine, utility)) },
  ];
}

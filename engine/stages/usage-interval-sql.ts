import type { Dialect } from '../sql/dialect.ts';
import { loadModelTable, type ModelColumn, type ModelTable } from '../model/common-model.ts';
import { work, type Statement } from '../sql/statement.ts';
import { meterPeriodsTable } from './meter-periods.ts';
import type { HmacPads } from '../util/pseudonym-key.ts';
import { pseudonymAlias } from './pseudonym-sql.ts';

/**
 * Product stage: `usage_interval`, one row per standardized interval, LEFT-joined to its meter and
 * service point (so unknown ones stay, flagged). Columns come from the product schema: `x-from`
 * says which standardized table each one is taken from. Meters and service points are reduced to
 * one row per key first, so the join never multiplies intervals.
 *
 * It is a view, not a table: each access level is written straight from the join (joining ~5M
 * intervals to 100k meters takes about a second; storing the 30-column rows took longer than
 * writing them, and sorting them again did not fit 1 GB at 100M rows). The rows come in the
 * order of the standardized intervals, in runs of row groups whose order between runs depends on
 * the threads (hash joins keep no order across threads); row content is identical on every run.
 */
export const usageIntervalTable = 'gf_usage_interval';
/** The local month (partition folder) of each distinct start time, stored once for every read of the view. */
export const usageMonthsTable = 'gf_usage_months';

const alias: Record<string, string> = { intervals: 'i', meters: 'm', service_points: 's' };

/**
 * With `meterPeriods`, the meter's columns come from its installation in effect at the interval's
 * start (none before its first installation or after its removal), while `meter_known` still says
 * whether the meter is in the meters table at all.
 */
export function usageIntervalStatements(d: Dialect, mappedTables: string[], zone: string, meterPeriods = false): Statement[] {
  const q = d.quoteIdent;
  const model = loadModelTable('usage_interval');
  const has = (t: string) => mappedTables.includes(t);
  const one = (t: string, key: string) =>
    `(${d.qualify('*', q(work.std(t)), `row_number() OVER (PARTITION BY utility_id, ${q(key)} ORDER BY source_file DESC, source_line DESC) = 1`)})`;
  const cols = model.columns.map((c) => {
    if (c.name === 'meter_known') return has('meters') ? `(m.meter_id IS NOT NULL) AS meter_known` : `FALSE AS meter_known`;
    if (c.name === 'service_point_known')
      return has('service_points') ? `(s.service_point_id IS NOT NULL) AS service_point_known` : `FALSE AS service_point_known`;
    const [table, col] = fromOf(model, c.name);
    const from = table === 'meters' && meterPeriods ? 'mp' : alias[table];
    return has(table) ? `${from}.${q(col)} AS ${q(c.name)}` : `${d.cast('NULL', c.type)} AS ${q(c.name)}`;
  });
  const joins = [
    has('meters') ? `LEFT JOIN ${one('meters', 'meter_id')} m ON m.utility_id = i.utility_id AND m.meter_id = i.meter_id` : '',
    has('meters') && meterPeriods
      ? `LEFT JOIN ${q(meterPeriodsTable)} mp ON mp.meter_id = i.meter_id AND i.interval_start_ts >= mp.__from_bound AND i.interval_start_ts < mp.__to`
      : '',
    has('service_points')
      ? `LEFT JOIN ${one('service_points', 'service_point_id')} s ON s.utility_id = i.utility_id AND s.service_point_id = i.service_point_id`
      : '',
  ].filter(Boolean);
  const std = q(work.std('intervals'));
  return [
    {
      name: 'usage_interval.months',
      kind: 'create',
      label: 'product: local month of each start time',
      sql: `CREATE OR REPLACE TEMP TABLE ${q(usageMonthsTable)} AS
SELECT ts, ${d.monthKey(d.instantToLocal('ts', zone))} AS __month FROM (SELECT DISTINCT interval_start_ts AS ts FROM ${std})`,
    },
    {
      name: 'usage_interval.build',
      kind: 'create',
      label: 'product: join intervals to meters and service points',
      sql: `CREATE OR REPLACE TEMP VIEW ${q(usageIntervalTable)} AS
SELECT ${cols.join(',\n  ')},
  mo.__month
FROM ${std} i
${joins.join('\n')}
LEFT JOIN ${q(usageMonthsTable)} mo ON mo.ts = i.interval_start_ts`,
    },
  ];
}

function fromOf(model: ModelTable, column: string): [string, string] {
  const from = model.schema.properties[column]?.['x-from'] as string | undefined;
  if (!from) throw new Error(`usage_interval.${column} has no x-from`);
  return from.split('.') as [string, string];
}

/**
 * The SELECT list of an access level: PII-tagged columns masked as the schema's `x-access` says.
 * `pseudonym` replaces an identifier by its keyed hash (HMAC-SHA-256, hex): the same id gives the
 * same pseudonym on every run with the same key, so apps can join, and nobody without the key can
 * go back to the id (or to a ZIP inside it).
 */
export function accessColumns(d: Dialect, model: ModelTable, level: string, pads?: HmacPads, lookup = false): string[] {
  return maskedColumns(d, model.columns, accessPolicy(model, level), pads, lookup);
}

/** The columns a policy pseudonymizes (each needs its lookup join when `maskedColumns` is given `lookup`). */
export function pseudonymizedColumns(
  columns: Pick<ModelColumn, 'name' | 'pii'>[],
  policy: Record<string, string>,
): string[] {
  return columns.filter((c) => c.pii && policy[c.pii] === 'pseudonym').map((c) => c.name);
}

/** How each PII tag is masked at an access level of a table with `x-access` (the Product's by default). */
export function accessPolicy(
  model: ModelTable = loadModelTable('usage_interval'),
  level = 'external',
): Record<string, string> {
  const policy = model.access?.[level];
  if (!policy) throw new Error(`${model.name} has no access level '${level}'`);
  return policy;
}

/**
 * `columns` as a SELECT list, each PII-tagged one masked as `policy` says (untagged ones as they are).
 * With `lookup`, a pseudonym is taken from the joined lookup (`pseudonymJoins`) and hashed only when
 * the id is not there.
 */
export function maskedColumns(
  d: Dialect,
  columns: Pick<ModelColumn, 'name' | 'pii'>[],
  policy: Record<string, string>,
  pads?: HmacPads,
  lookup = false,
): string[] {
  const q = d.quoteIdent;
  return columns.map((c) => {
    const rule = c.pii ? policy[c.pii] : undefined;
    if (!rule) return q(c.name);
    if (rule === 'redact') return `CASE WHEN ${q(c.name)} IS NULL THEN NULL ELSE '***' END AS ${q(c.name)}`;
    if (rule === 'pseudonym') {
      if (!pads) throw new Error(`pseudonymizing ${c.name} needs the pseudonym key`);
      const hashed = d.hmacSha256Hex(q(c.name), pads.ipad, pads.opad);
      const found = `${q(pseudonymAlias(c.name))}.__pseudonym`;
      const known = lookup ? ` WHEN ${found} IS NOT NULL THEN ${found}` : '';
      return `CASE WHEN ${q(c.name)} IS NULL THEN NULL${known} ELSE ${hashed} END AS ${q(c.name)}`;
    }
    if (rule === 'zip3') return `${d.fn('substring', [q(c.name), '1', '3'])} AS ${q(c.name)}`;
    throw new Error(`unknown masking rule '${rule}' for tag '${c.pii}'`);
  });
}

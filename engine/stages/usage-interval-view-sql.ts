import type { Dialect } from '../sql/dialect.ts';
import { loadModelTable, type ModelTable } from '../model/common-model.ts';

/**
 * The internal access level of the Product, `usage_interval_internal`, is not written: it is a view
 * over the published standardized tables and the meter installation periods (`internal/meter_periods`),
 * which gives the rows, columns and types the table had (the external level, `usage_interval`, stays
 * written: apps read its files). This file builds that view's SELECT for a dialect from the FROM
 * expressions of its inputs and a few facts per utility (its time zone for the `month` column, and
 * whether its meters are dated by installation); `engine/query` registers it for DuckDB, and each
 * published set carries it per dialect (run/view-definitions.ts).
 */
export const internalProductView = 'usage_interval_internal';
/** Where the per-utility facts of the view live in a set (carried over with the utility's other folders). */
export const internalProductDir = 'product/usage_interval_internal';
export const viewFactsFile = 'view.json';
/** The published installation periods: layer and table. */
export const meterPeriodsLayer = 'internal';
export const meterPeriodsName = 'meter_periods';

/** What the view needs to know of one utility. */
export interface ViewUtility {
  utility: string;
  /** The mapping's zone: `month` is the local month of `interval_start_ts` there (the Parquet partition). */
  timezone: string;
  /** Its meter columns come from the installation in effect at each interval (internal/meter_periods). */
  meterPeriods: boolean;
}

/** FROM expressions of the view's inputs; a table no utility of the set publishes is absent. */
export interface ViewSources {
  intervals: string;
  meters?: string;
  service_points?: string;
  meter_periods?: string;
  /**
   * Utilities carried over from a set written before the internal level became a view: their
   * written internal Product (one folder each, `month=` folders inside), read as it is.
   */
  written?: { utility: string; from: string }[];
}

/** The Product's columns taken from meters (x-from meters.*), which meter_periods holds per period. */
export function meterColumns(model: ModelTable = loadModelTable('usage_interval')): string[] {
  return model.columns.filter((c) => fromOf(model, c.name)[0] === 'meters').map((c) => c.name);
}

/**
 * The view's SELECT: every standardized interval LEFT-joined to one row per meter and service point
 * (the last by source_file, source_line, as the run's join took it) and, for utilities whose meters
 * are dated, to the period of its meter in effect at the interval's start (open bounds are NULL).
 * Columns in the order DuckDB read the written table's files: the model's without utility_id, then
 * the Hive columns month and utility_id.
 */
export function internalProductSelect(d: Dialect, src: ViewSources, utilities: ViewUtility[]): string {
  const q = d.quoteIdent;
  const model = loadModelTable('usage_interval');
  const dated = utilities.filter((u) => u.meterPeriods).map((u) => d.string(u.utility));
  const periods = src.meter_periods !== undefined && dated.length > 0;
  const last = (key: string) =>
    `row_number() OVER (PARTITION BY utility_id, ${q(key)} ORDER BY source_file DESC, source_line DESC) = 1`;
  const one = (from: string, key: string) => `(${d.qualify('*', from, last(key))})`;
  const column = (name: string): string => {
    const type = model.columns.find((c) => c.name === name)!.type;
    if (name === 'meter_known') return src.meters ? `(m.meter_id IS NOT NULL) AS meter_known` : `FALSE AS meter_known`;
    if (name === 'service_point_known')
      return `${src.service_points ? '(s.service_point_id IS NOT NULL)' : 'FALSE'} AS service_point_known`;
    const [table, col] = fromOf(model, name);
    const alias = { intervals: 'i', meters: 'm', service_points: 's' }[table]!;
    const plain = src[table as keyof ViewSources] ? `${alias}.${q(col)}` : d.cast('NULL', type);
    if (table !== 'meters' || !periods) return `${plain} AS ${q(name)}`;
    return `CASE WHEN i.utility_id IN (${dated.join(', ')}) THEN mp.${q(col)} ELSE ${plain} END AS ${q(name)}`;
  };
  const ts = 'i.interval_start_ts';
  const joins = [
    src.meters
      ? `LEFT JOIN ${one(src.meters, 'meter_id')} m ON m.utility_id = i.utility_id AND m.meter_id = i.meter_id`
      : '',
    periods
      ? `LEFT JOIN ${src.meter_periods} mp ON mp.utility_id = i.utility_id AND mp.meter_id = i.meter_id` +
        // Comparisons, not ORs: an OR in a join condition turns DuckDB's hash join into a nested loop.
        `\n  AND ${ts} >= COALESCE(mp.effective_from, ${d.minInstant()})` +
        `\n  AND ${ts} < COALESCE(mp.effective_until, ${d.maxInstant()})`
      : '',
    src.service_points
      ? `LEFT JOIN ${one(src.service_points, 'service_point_id')} s` +
        ` ON s.utility_id = i.utility_id AND s.service_point_id = i.service_point_id`
      : '',
  ].filter(Boolean);
  const names = model.columns.filter((c) => c.name !== 'utility_id').map((c) => c.name);
  const ids = utilities.map((u) => d.string(u.utility)).join(', ');
  const view = `SELECT ${names.map(column).join(',\n  ')},
  ${monthOf(d, ts, utilities)} AS month,
  i.utility_id
FROM ${src.intervals} i
${joins.join('\n')}
WHERE i.utility_id IN (${ids})`;
  const written = (src.written ?? []).map(
    (w) => `SELECT ${names.map(q).join(', ')}, month, ${d.string(w.utility)} AS utility_id FROM ${w.from}`,
  );
  return [view, ...written].join('\nUNION ALL\n');
}

/** The local month of an instant, in the zone of the row's utility (NULL for a utility not listed). */
function monthOf(d: Dialect, ts: string, utilities: ViewUtility[]): string {
  const zones = [...new Set(utilities.map((u) => u.timezone))].sort();
  const month = (zone: string) => d.monthKey(d.instantToLocal(ts, zone));
  if (zones.length === 1) return month(zones[0]);
  const cases = zones.map((z) => {
    const ids = utilities.filter((u) => u.timezone === z).map((u) => d.string(u.utility));
    return `WHEN i.utility_id IN (${ids.join(', ')}) THEN ${month(z)}`;
  });
  return `CASE ${cases.join(' ')} END`;
}

function fromOf(model: ModelTable, column: string): [string, string] {
  const from = model.schema.properties[column]?.['x-from'] as string | undefined;
  return from ? (from.split('.') as [string, string]) : ['', column];
}

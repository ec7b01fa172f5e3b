import { sqlStringLiteral } from '../sql/dialect.ts';

/** The daily profile of one service point: the "single call" the app makes, as SQL over the published views. */
export interface UsageQuery {
  servicePoint: string;
  /** The service point's pseudonym (usage_daily publishes pseudonyms): matched besides the id as given. */
  pseudonym?: string;
  utility?: string;
  from?: string; // local date, inclusive
  to?: string; // local date, inclusive
  table?: string; // usage_daily (default), usage_hourly, usage_monthly
}

export function usageProfileSql(q: UsageQuery): string {
  const ids = [q.servicePoint, ...(q.pseudonym ? [q.pseudonym] : [])].map(sqlStringLiteral);
  const where = [`service_point_id IN (${ids.join(', ')})`];
  if (q.utility) where.push(`utility_id = ${sqlStringLiteral(q.utility)}`);
  if (q.from) where.push(`local_date >= CAST(${sqlStringLiteral(q.from)} AS DATE)`);
  if (q.to) where.push(`local_date <= CAST(${sqlStringLiteral(q.to)} AS DATE)`);
  const local = (c: string) => `strftime(${c} AT TIME ZONE timezone, '%H:%M')`;
  return `SELECT utility_id, CAST(local_date AS VARCHAR) AS day, unit, direction, channel_raw AS channel,
  round(total_usage, 3) AS total, interval_count AS intervals, expected_interval_count AS expected,
  round(completeness, 3) AS completeness,
  round(peak_usage_value, 3) AS peak, ${local('peak_usage_ts')} AS peak_at,
  round(pit_usage_value, 3) AS pit, ${local('pit_usage_ts')} AS pit_at
FROM ${q.table ?? 'usage_daily'}
WHERE ${where.join(' AND ')}
ORDER BY utility_id, local_date, unit, direction, channel_raw`;
}

-- gridflow UTILITY2 step 031: usage_daily.per-ts
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_usage_per_ts` AS
SELECT p.*, b.bucket_start, b.bucket_end
FROM (
  SELECT utility_id, service_point_id, unit, COALESCE(direction, 'unknown') AS direction, CASE WHEN unit = 'unknown' THEN channel_raw END AS channel_raw, interval_start_ts AS ts,
    min(duration_seconds) AS duration_seconds, CAST(sum(CAST(value AS DECIMAL(38, 9))) AS DOUBLE) AS value, COALESCE(bool_or(quality = 'missing'), FALSE) AS missing
  FROM `gf_std_intervals`
  WHERE service_point_id IS NOT NULL
  GROUP BY utility_id, service_point_id, unit, COALESCE(direction, 'unknown'), CASE WHEN unit = 'unknown' THEN channel_raw END, interval_start_ts
) p
JOIN `gf_usage_bounds` b ON b.ts = p.ts;

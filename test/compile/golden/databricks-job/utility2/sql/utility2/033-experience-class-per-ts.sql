-- gridflow UTILITY2 step 033: experience.class-per-ts
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_usage_class_per_ts` AS
SELECT utility_id, zip, city, customer_class, unit, direction, channel_raw, service_point_id, ts, min(duration_seconds) AS duration_seconds, sum(CAST(value AS DECIMAL(38, 9))) AS value,
  COALESCE(bool_or(quality = 'missing'), FALSE) AS missing
FROM (
  SELECT utility_id, zip, city, COALESCE(customer_class, 'unknown') AS customer_class, unit,
    COALESCE(direction, 'unknown') AS direction, CASE WHEN unit = 'unknown' THEN channel_raw END AS channel_raw, service_point_id,
    interval_start_ts AS ts, duration_seconds, value, quality
  FROM `gf_usage_interval`
  WHERE service_point_id IS NOT NULL
) r
GROUP BY utility_id, zip, city, customer_class, unit, direction, channel_raw, service_point_id, ts;

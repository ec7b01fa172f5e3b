-- gridflow UTILITY1 step 029: experience.reads
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_usage_placed_reads` AS
SELECT utility_id, zip, city, COALESCE(customer_class, 'unknown') AS customer_class, unit,
  COALESCE(direction, 'unknown') AS direction, CASE WHEN unit = 'unknown' THEN channel_raw END AS channel_raw, service_point_id,
  interval_start_ts AS ts, duration_seconds, value, quality = 'missing' AS missing
FROM `gf_usage_interval`
WHERE service_point_id IS NOT NULL;

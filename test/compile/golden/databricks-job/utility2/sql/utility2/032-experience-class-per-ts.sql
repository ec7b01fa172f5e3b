-- gridflow UTILITY2 step 032: experience.class-per-ts
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_usage_class_per_ts` AS
SELECT utility_id, zip, city, customer_class, unit, direction, channel_raw, service_point_id, ts, min(duration_seconds) AS duration_seconds, sum(CAST(value AS DECIMAL(38, 9))) AS value,
  COALESCE(bool_or(missing), FALSE) AS missing
FROM `gf_usage_placed_reads`
GROUP BY utility_id, zip, city, customer_class, unit, direction, channel_raw, service_point_id, ts;

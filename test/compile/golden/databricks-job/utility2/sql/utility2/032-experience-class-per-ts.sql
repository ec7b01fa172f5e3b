-- gridflow UTILITY2 step 032: experience.class-per-ts
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_usage_class_per_ts` AS
SELECT a.utility_id, a.zip, a.city, s.customer_class, s.unit, s.direction, s.channel_raw, s.service_point_id, s.ts, s.duration_seconds, s.value, s.missing
FROM (SELECT customer_class, unit, direction, channel_raw, service_point_id, ts, min(duration_seconds) AS duration_seconds, sum(CAST(value AS DECIMAL(38, 9))) AS value,
    COALESCE(bool_or(missing), FALSE) AS missing
  FROM `gf_usage_placed_reads`
  GROUP BY customer_class, unit, direction, channel_raw, service_point_id, ts) s
JOIN (SELECT DISTINCT utility_id, zip, city, service_point_id FROM `gf_usage_placed_reads`) a ON a.service_point_id = s.service_point_id;

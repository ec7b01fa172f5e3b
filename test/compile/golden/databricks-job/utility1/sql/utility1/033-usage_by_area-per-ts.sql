-- gridflow UTILITY1 step 033: usage_by_area.per-ts
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_area_per_ts` AS
SELECT p.*, b.day_start, b.day_end, b.month_start, b.month_end
FROM (
  SELECT utility_id, zip, city, COALESCE(customer_class, 'unknown') AS customer_class, unit,
    COALESCE(direction, 'unknown') AS direction, CASE WHEN unit = 'unknown' THEN channel_raw END AS channel_raw, service_point_id,
    interval_start_ts AS ts, CAST(sum(CAST(value AS DECIMAL(38, 9))) AS DOUBLE) AS value, COALESCE(bool_or(quality = 'missing'), FALSE) AS missing
  FROM `gf_usage_interval`
  WHERE service_point_id IS NOT NULL
  GROUP BY utility_id, zip, city, COALESCE(customer_class, 'unknown'), unit, COALESCE(direction, 'unknown'), CASE WHEN unit = 'unknown' THEN channel_raw END, service_point_id, interval_start_ts
) p
JOIN `gf_area_bounds` b ON b.ts = p.ts;

-- gridflow UTILITY2 step 036: usage_by_area.per-ts
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_area_per_ts` AS
SELECT p.*, b.day_start, b.day_end, b.month_start, b.month_end
FROM (
  SELECT utility_id, zip, city, customer_class, unit, direction, channel_raw, service_point_id, ts, CAST(sum(CAST(value AS DECIMAL(38, 9))) AS DOUBLE) AS value,
    COALESCE(bool_or(missing), FALSE) AS missing
  FROM `gf_area_reads`
  GROUP BY utility_id, zip, city, customer_class, unit, direction, channel_raw, service_point_id, ts
) p
JOIN `gf_area_bounds` b ON b.ts = p.ts;

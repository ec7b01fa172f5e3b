-- gridflow UTILITY2 step 040: usage_by_area.cells
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_area_cells` AS
WITH periods AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, service_point_id, ts, value, missing, 'day' AS period,
    day_start AS period_start, day_end AS period_end, month_start
  FROM `gf_area_per_ts`
  UNION ALL
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, service_point_id, ts, value, missing, 'month' AS period,
    month_start AS period_start, month_end AS period_end, month_start
  FROM `gf_area_per_ts`
),
classed AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, period, period_start, period_end, month_start, service_point_id, ts, value, missing, customer_class FROM periods
  UNION ALL
  SELECT utility_id, zip, city, unit, direction, channel_raw, period, period_start, period_end, month_start, service_point_id, ts, value, missing, 'all' AS customer_class FROM periods
),
customers AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, service_point_id, CAST(sum(CAST(value AS DECIMAL(38, 9))) AS DOUBLE) AS usage
  FROM classed
  GROUP BY utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, service_point_id
),
sizes AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, count(*) AS customer_count, CAST(sum(CAST(usage AS DECIMAL(38, 9))) AS DOUBLE) AS total_usage,
    max(abs(usage)) / NULLIF(sum(abs(usage)), 0) AS largest_share
  FROM customers
  GROUP BY utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start
),
loads AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, ts, CAST(sum(CAST(value AS DECIMAL(38, 9))) AS DOUBLE) AS load
  FROM classed
  WHERE NOT missing
  GROUP BY utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, ts
),
extremes AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, max(load) AS peak_usage_value, min_by(ts, struct(-load, ts)) AS peak_usage_ts,
    min(load) AS pit_usage_value, min_by(ts, struct(load, ts)) AS pit_usage_ts
  FROM loads
  GROUP BY utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class
)
SELECT s.utility_id, s.zip, s.city, s.period, s.period_start, s.unit, s.direction, s.channel_raw, s.customer_class, s.period_end, s.month_start, s.customer_count, s.total_usage, s.largest_share, e.peak_usage_value, e.peak_usage_ts, e.pit_usage_value, e.pit_usage_ts
FROM sizes s
LEFT JOIN extremes e ON e.utility_id IS NOT DISTINCT FROM s.utility_id AND e.zip IS NOT DISTINCT FROM s.zip AND e.city IS NOT DISTINCT FROM s.city AND e.period IS NOT DISTINCT FROM s.period AND e.period_start IS NOT DISTINCT FROM s.period_start AND e.unit IS NOT DISTINCT FROM s.unit AND e.direction IS NOT DISTINCT FROM s.direction AND e.channel_raw IS NOT DISTINCT FROM s.channel_raw AND e.customer_class IS NOT DISTINCT FROM s.customer_class;

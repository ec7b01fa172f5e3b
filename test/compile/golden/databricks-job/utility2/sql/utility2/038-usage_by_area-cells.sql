-- gridflow UTILITY2 step 038: usage_by_area.cells
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_area_cells` AS
WITH customer_days AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, day_start, day_end, month_start, month_end, service_point_id, sum(CAST(value AS DECIMAL(38, 9))) AS usage
  FROM `gf_area_per_ts`
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, customer_class, day_start, day_end, month_start, month_end, service_point_id
),
class_customers AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, 'day' AS period, day_start AS period_start, day_end AS period_end,
    month_start, service_point_id, usage
  FROM customer_days
  UNION ALL
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, 'month', month_start, month_end, month_start, service_point_id, sum(usage)
  FROM customer_days
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start, month_end, service_point_id
),
customers AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, service_point_id, CAST(usage AS DOUBLE) AS usage FROM class_customers
  UNION ALL
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, 'all', period_end, month_start, service_point_id, CAST(sum(usage) AS DOUBLE)
  FROM class_customers
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, period, period_start, period_end, month_start, service_point_id
),
sizes AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, count(*) AS customer_count, CAST(sum(CAST(usage AS DECIMAL(38, 9))) AS DOUBLE) AS total_usage,
    max(abs(usage)) / NULLIF(sum(abs(usage)), 0) AS largest_share
  FROM customers
  GROUP BY utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start
),
class_loads AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, day_start, month_start, ts, sum(CAST(value AS DECIMAL(38, 9))) AS load
  FROM `gf_area_per_ts`
  WHERE NOT missing
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, customer_class, day_start, month_start, ts
),
all_loads AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, day_start, month_start, ts, load FROM class_loads
  UNION ALL
  SELECT utility_id, zip, city, unit, direction, channel_raw, 'all', day_start, month_start, ts, sum(load) FROM class_loads
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, day_start, month_start, ts
),
loads AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, 'day' AS period, day_start AS period_start, customer_class, ts, CAST(load AS DOUBLE) AS load FROM all_loads
  UNION ALL
  SELECT utility_id, zip, city, unit, direction, channel_raw, 'month', month_start, customer_class, ts, CAST(load AS DOUBLE) FROM all_loads
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

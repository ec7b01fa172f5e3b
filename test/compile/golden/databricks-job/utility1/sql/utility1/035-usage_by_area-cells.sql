-- gridflow UTILITY1 step 035: usage_by_area.cells
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_area_cells` AS
WITH days AS (
  SELECT DISTINCT day_start, day_end, month_start, month_end FROM `gf_experience_bounds`
),
customer_day_sums AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, b.day_start, service_point_id, sum(CAST(CAST(p.value AS DOUBLE) AS DECIMAL(38, 9))) AS usage
  FROM `gf_usage_class_per_ts` p
  JOIN `gf_experience_bounds` b ON b.ts = p.ts
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, customer_class, b.day_start, service_point_id
),
customer_days AS (
  SELECT c.*, y.day_end, y.month_start, y.month_end FROM customer_day_sums c JOIN days y ON y.day_start = c.day_start
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
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, p.ts, sum(CAST(CAST(p.value AS DOUBLE) AS DECIMAL(38, 9))) AS load
  FROM `gf_usage_class_per_ts` p
  WHERE NOT missing
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, customer_class, p.ts
),
all_loads AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, ts, load FROM class_loads
  UNION ALL
  SELECT utility_id, zip, city, unit, direction, channel_raw, 'all', ts, sum(load) FROM class_loads
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, ts
),
day_extremes AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, b.day_start, max(CAST(load AS DOUBLE)) AS peak_usage_value, min_by(l.ts, struct(-CAST(load AS DOUBLE), l.ts)) AS peak_usage_ts, min(CAST(load AS DOUBLE)) AS pit_usage_value, min_by(l.ts, struct(CAST(load AS DOUBLE), l.ts)) AS pit_usage_ts
  FROM all_loads l
  JOIN `gf_experience_bounds` b ON b.ts = l.ts
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, customer_class, b.day_start
),
extremes AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, 'day' AS period, day_start AS period_start, customer_class,
    peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts
  FROM day_extremes
  UNION ALL
  SELECT utility_id, zip, city, unit, direction, channel_raw, 'month', y.month_start, customer_class, max(peak_usage_value) AS peak_usage_value,
    min_by(peak_usage_ts, struct(-peak_usage_value, peak_usage_ts)) AS peak_usage_ts,
    min(pit_usage_value) AS pit_usage_value, min_by(pit_usage_ts, struct(pit_usage_value, pit_usage_ts)) AS pit_usage_ts
  FROM day_extremes e
  JOIN days y ON y.day_start = e.day_start
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, y.month_start, customer_class
)
SELECT s.utility_id, s.zip, s.city, s.period, s.period_start, s.unit, s.direction, s.channel_raw, s.customer_class, s.period_end, s.month_start, s.customer_count, s.total_usage, s.largest_share, e.peak_usage_value, e.peak_usage_ts, e.pit_usage_value, e.pit_usage_ts
FROM sizes s
LEFT JOIN extremes e ON e.utility_id IS NOT DISTINCT FROM s.utility_id AND e.zip IS NOT DISTINCT FROM s.zip AND e.city IS NOT DISTINCT FROM s.city AND e.period IS NOT DISTINCT FROM s.period AND e.period_start IS NOT DISTINCT FROM s.period_start AND e.unit IS NOT DISTINCT FROM s.unit AND e.direction IS NOT DISTINCT FROM s.direction AND e.channel_raw IS NOT DISTINCT FROM s.channel_raw AND e.customer_class IS NOT DISTINCT FROM s.customer_class;

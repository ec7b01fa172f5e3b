-- gridflow UTILITY2 step 039: usage_by_area.build
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_usage_by_area` AS
WITH round1_time_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __open, max(CASE WHEN NOT suppressed AND period = 'month' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start ORDER BY CASE WHEN suppressed OR period = 'month' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM gf_area_screened
),
round1_time AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (period = 'month')) OR (__open = 0 AND period = 'month')) AS __fix FROM round1_time_counts) f
),
round1_class_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __open, max(CASE WHEN NOT suppressed AND customer_class = 'all' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start ORDER BY CASE WHEN suppressed OR customer_class = 'all' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM round1_time
),
round1_class AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (customer_class = 'all')) OR (__open = 0 AND customer_class = 'all')) AS __fix FROM round1_class_counts) f
),
round2_time_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __open, max(CASE WHEN NOT suppressed AND period = 'month' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start ORDER BY CASE WHEN suppressed OR period = 'month' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM round1_class
),
round2_time AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (period = 'month')) OR (__open = 0 AND period = 'month')) AS __fix FROM round2_time_counts) f
),
round2_class_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __open, max(CASE WHEN NOT suppressed AND customer_class = 'all' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start ORDER BY CASE WHEN suppressed OR customer_class = 'all' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM round2_time
),
round2_class AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (customer_class = 'all')) OR (__open = 0 AND customer_class = 'all')) AS __fix FROM round2_class_counts) f
),
round3_time_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __open, max(CASE WHEN NOT suppressed AND period = 'month' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start ORDER BY CASE WHEN suppressed OR period = 'month' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM round2_class
),
round3_time AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (period = 'month')) OR (__open = 0 AND period = 'month')) AS __fix FROM round3_time_counts) f
),
round3_class_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __open, max(CASE WHEN NOT suppressed AND customer_class = 'all' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start ORDER BY CASE WHEN suppressed OR customer_class = 'all' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM round3_time
),
round3_class AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (customer_class = 'all')) OR (__open = 0 AND customer_class = 'all')) AS __fix FROM round3_class_counts) f
),
screened_open AS (
  SELECT *, CASE WHEN max(CASE WHEN NOT suppressed AND customer_class = 'all' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) = 1 AND sum(CASE WHEN suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) = 1 THEN 1 ELSE 0 END + CASE WHEN max(CASE WHEN NOT suppressed AND period = 'month' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) = 1 AND sum(CASE WHEN suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) = 1 THEN 1 ELSE 0 END AS __recoverable FROM round3_class
),
screened AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __area_open AS suppressed, CASE WHEN __area_open THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (
    SELECT *, NOT suppressed AND max(__recoverable) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw) > 0 AS __area_open
    FROM screened_open
  ) a
)
SELECT utility_id, zip, city, period, period_start, period_end,
  CAST(from_utc_timestamp(period_start, 'America/New_York') AS DATE) AS local_date, 'America/New_York' AS timezone,
  unit, direction, channel_raw, customer_class,
  CASE WHEN suppressed THEN NULL ELSE customer_count END AS customer_count,
  CASE WHEN suppressed THEN NULL ELSE total_usage END AS total_usage,
  CASE WHEN suppressed THEN NULL ELSE peak_usage_value END AS peak_usage_value,
  CASE WHEN suppressed THEN NULL ELSE peak_usage_ts END AS peak_usage_ts,
  CASE WHEN suppressed THEN NULL ELSE pit_usage_value END AS pit_usage_value,
  CASE WHEN suppressed THEN NULL ELSE pit_usage_ts END AS pit_usage_ts,
  suppressed, suppression_reason
FROM screened
ORDER BY zip, city, period, period_start, unit, direction, channel_raw, customer_class;

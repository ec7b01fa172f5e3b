-- gridflow UTILITY2 step 035: usage_daily.build
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_usage_bucket` AS
WITH agg AS (
  SELECT utility_id, service_point_id, bucket_start, bucket_end, unit, direction, channel_raw,
    min(duration_seconds) AS interval_seconds,
    CAST(sum(CAST(value AS DECIMAL(38, 9))) AS DOUBLE) AS total_usage,
    count(*) AS interval_count,
    count(*) FILTER (WHERE missing) AS missing_count,
    max(value) FILTER (WHERE NOT missing) AS peak_usage_value,
    min_by(ts, struct(-value, ts)) FILTER (WHERE NOT missing) AS peak_usage_ts,
    min(value) FILTER (WHERE NOT missing) AS pit_usage_value,
    min_by(ts, struct(value, ts)) FILTER (WHERE NOT missing) AS pit_usage_ts
  FROM `gf_usage_per_ts`
  GROUP BY utility_id, service_point_id, bucket_start, bucket_end, unit, direction, channel_raw
)
SELECT utility_id, service_point_id,
  CAST(from_utc_timestamp(bucket_start, 'America/New_York') AS DATE) AS local_date,
  'America/New_York' AS timezone, 'day' AS bucket,
  bucket_start, bucket_end, unit, direction, channel_raw, interval_seconds, total_usage, interval_count, missing_count,
  CAST(GREATEST(1, round(((unix_micros(bucket_end) - unix_micros(bucket_start)) / 1000000) / interval_seconds)) AS BIGINT) AS expected_interval_count,
  interval_count / GREATEST(1, round(((unix_micros(bucket_end) - unix_micros(bucket_start)) / 1000000) / interval_seconds)) AS completeness,
  peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts
FROM agg
ORDER BY service_point_id, bucket_start, unit, direction, channel_raw;

-- gridflow UTILITY2 step 034: usage_daily.per-ts
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_usage_per_ts` AS
SELECT p.*, b.bucket_start, b.bucket_end
FROM (
  SELECT utility_id, service_point_id, unit, direction, channel_raw, ts, min(duration_seconds) AS duration_seconds, CAST(sum(value) AS DOUBLE) AS value,
    bool_or(missing) AS missing
  FROM `gf_usage_class_per_ts`
  GROUP BY utility_id, service_point_id, unit, direction, channel_raw, ts
) p
JOIN `gf_experience_bounds` b ON b.ts = p.ts;

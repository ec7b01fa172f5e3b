-- gridflow UTILITY1 step 012: meters.convert
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_conv_meters` AS
WITH src AS (
  SELECT 0 AS __file_index, __src_line AS __line, * FROM `gf_raw_meters_0`
),
dict0_0 AS (SELECT DISTINCT `meter_category` FROM (SELECT * FROM `gf_raw_meters_0`)),
dict0_1 AS (SELECT *, `meter_category` AS `r.customer_class` FROM dict0_0),
dict0_1b AS (SELECT *, CASE `r.customer_class` WHEN 'RESIDENTIAL' THEN 'residential' WHEN 'COMMERCIAL' THEN 'commercial' ELSE 'unknown' END AS `t.customer_class` FROM dict0_1),
dict0_2 AS (SELECT * FROM dict0_1b),
dict0_3 AS (SELECT *, `t.customer_class` AS `v.customer_class` FROM dict0_2),
dict0 AS (SELECT `meter_category`, `v.customer_class`, NULL AS `w.customer_class` FROM dict0_3),
l0 AS (SELECT src.*, dict0.`v.customer_class`, dict0.`w.customer_class` FROM src LEFT JOIN dict0 ON dict0.`meter_category` IS NOT DISTINCT FROM src.`meter_category`),
l1 AS (SELECT *, 'UTILITY1' AS `r.utility_id`, `meter_id` AS `r.meter_id`, `meter_type` AS `r.meter_type`, `meter_category` AS `r.meter_category`, `meter_timestamp` AS `r.updated_at` FROM l0),
l1b AS (SELECT *, `r.utility_id` AS `t.utility_id`, `r.meter_id` AS `t.meter_id`, `r.meter_type` AS `t.meter_type`, `r.meter_category` AS `t.meter_category`, `r.updated_at` AS `t.updated_at` FROM l1),
l1c AS (SELECT *, (`t.updated_at` RLIKE '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$') AS `s.updated_at` FROM l1b),
l2 AS (SELECT *, CASE WHEN `s.updated_at` THEN NULL WHEN (`t.updated_at` RLIKE '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?$') THEN try_cast(`t.updated_at` AS TIMESTAMP) END AS `l.updated_at` FROM l1c),
l3 AS (SELECT *, `t.utility_id` AS `v.utility_id`, `t.meter_id` AS `v.meter_id`, `t.meter_type` AS `v.meter_type`, `t.meter_category` AS `v.meter_category`, CASE WHEN `s.updated_at` THEN try_cast(`t.updated_at` AS TIMESTAMP) WHEN (`t.updated_at` RLIKE '[T ]\\d{2}(:\\d{2}){0,2}(\\.\\d+)?\\s*(Z|z|[+-]\\d{2}(:?\\d{2})?)$') THEN try_cast(`t.updated_at` AS TIMESTAMP) ELSE CASE WHEN from_utc_timestamp(to_utc_timestamp(`l.updated_at`, 'America/New_York'), 'America/New_York') <> `l.updated_at` THEN NULL WHEN from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.updated_at`, 'America/New_York')) + CAST(round(CAST(-abs(((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.updated_at`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.updated_at`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000) - ((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.updated_at`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.updated_at`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000)) AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York') = `l.updated_at` THEN timestamp_micros(unix_micros(to_utc_timestamp(`l.updated_at`, 'America/New_York')) + CAST(round(CAST(-abs(((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.updated_at`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.updated_at`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000) - ((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.updated_at`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.updated_at`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000)) AS DOUBLE) * 1000000) AS BIGINT)) ELSE to_utc_timestamp(`l.updated_at`, 'America/New_York') END END AS `v.updated_at` FROM l2),
checked AS (SELECT *, COALESCE(CASE WHEN `v.utility_id` IS NULL THEN 'utility_id: missing required value' END,
    CASE WHEN `v.meter_id` IS NULL THEN 'meter_id: missing required value' END,
    `w.customer_class`,
    CASE WHEN `l.updated_at` IS NOT NULL AND (from_utc_timestamp(to_utc_timestamp(`l.updated_at`, 'America/New_York'), 'America/New_York') <> `l.updated_at`) THEN 'updated_at: local time does not exist in America/New_York (skipped by DST)' END,
    CASE WHEN `t.updated_at` IS NOT NULL AND `v.updated_at` IS NULL AND `l.updated_at` IS NULL THEN 'updated_at: not a valid timestamp (iso8601)' END) AS __reason FROM l3)
SELECT __file_index, __line, __reason,
  CASE WHEN __reason IS NOT NULL THEN to_json(named_struct('meter_id', `meter_id`, 'meter_timestamp', `meter_timestamp`, 'meter_duration', `meter_duration`, 'meter_value', `meter_value`, 'meter_type', `meter_type`, 'meter_category', `meter_category`), map('ignoreNullFields', 'false', 'timestampFormat', 'yyyy-MM-dd HH:mm:ssx', 'timestampNTZFormat', 'yyyy-MM-dd HH:mm:ss')) END AS __record,
  CASE WHEN __reason IS NULL THEN TRUE ELSE FALSE END AS __keep,
  `v.utility_id` AS `utility_id`,
  `v.meter_id` AS `meter_id`,
  `v.meter_type` AS `meter_type`,
  `v.meter_category` AS `meter_category`,
  `v.customer_class` AS `customer_class`,
  `v.updated_at` AS `updated_at`
FROM checked;

-- gridflow UTILITY2 step 021: intervals.convert
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_conv_intervals` AS
WITH src AS (
  SELECT 0 AS __file_index, __src_line AS __line, * FROM `gf_raw_intervals_0`
),
dict0_0 AS (SELECT DISTINCT `timestamp` FROM (SELECT * FROM `gf_raw_intervals_0`)),
dict0_1 AS (SELECT *, `timestamp` AS `r.interval_start_ts` FROM dict0_0),
dict0_1b AS (SELECT *, `r.interval_start_ts` AS `t.interval_start_ts` FROM dict0_1),
dict0_2 AS (SELECT *, CASE WHEN (`t.interval_start_ts` RLIKE '^\\d{4}\\d{2}\\d{2}$') THEN try_to_timestamp(`t.interval_start_ts`, 'yyyyMMdd') END AS `l.interval_start_ts` FROM dict0_1b),
dict0_3 AS (SELECT *, CASE WHEN from_utc_timestamp(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York'), 'America/New_York') <> `l.interval_start_ts` THEN NULL WHEN from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York')) + CAST(round(CAST(-abs(((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000) - ((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000)) AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York') = `l.interval_start_ts` THEN timestamp_micros(unix_micros(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York')) + CAST(round(CAST(-abs(((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000) - ((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000)) AS DOUBLE) * 1000000) AS BIGINT)) ELSE to_utc_timestamp(`l.interval_start_ts`, 'America/New_York') END AS `v.interval_start_ts` FROM dict0_2),
dict0 AS (SELECT `timestamp`, `v.interval_start_ts`, COALESCE(CASE WHEN `l.interval_start_ts` IS NOT NULL AND (from_utc_timestamp(to_utc_timestamp(`l.interval_start_ts`, 'America/New_York'), 'America/New_York') <> `l.interval_start_ts`) THEN 'interval_start_ts: local time does not exist in America/New_York (skipped by DST)' END, CASE WHEN `t.interval_start_ts` IS NOT NULL AND `v.interval_start_ts` IS NULL AND `l.interval_start_ts` IS NULL THEN 'interval_start_ts: not a valid timestamp (%Y%m%d)' END, CASE WHEN `v.interval_start_ts` IS NULL THEN 'interval_start_ts: missing required value' END) AS `w.interval_start_ts` FROM dict0_3),
l0 AS (SELECT src.*, dict0.`v.interval_start_ts`, dict0.`w.interval_start_ts` FROM src LEFT JOIN dict0 ON dict0.`timestamp` IS NOT DISTINCT FROM src.`timestamp`),
l1 AS (SELECT *, 'UTILITY2' AS `r.utility_id`, `meter_id` AS `r.meter_id`, '86400' AS `r.duration_seconds`, `value` AS `r.value`, 'unknown' AS `r.unit`, 'unknown' AS `r.direction`, `channel` AS `r.channel`, `channel` AS `r.channel_raw`, 'unknown' AS `r.quality`, `quality` AS `r.quality_raw` FROM l0),
l1b AS (SELECT *, `r.utility_id` AS `t.utility_id`, `r.meter_id` AS `t.meter_id`, `r.duration_seconds` AS `t.duration_seconds`, `r.value` AS `t.value`, `r.unit` AS `t.unit`, `r.direction` AS `t.direction`, `r.channel` AS `t.channel`, `r.channel_raw` AS `t.channel_raw`, `r.quality` AS `t.quality`, `r.quality_raw` AS `t.quality_raw` FROM l1),
l2 AS (SELECT *, try_cast(`t.duration_seconds` AS BIGINT) AS `l.duration_seconds`, try_cast(`t.value` AS DOUBLE) AS `l.value` FROM l1b),
l3 AS (SELECT *, `t.utility_id` AS `v.utility_id`, `t.meter_id` AS `v.meter_id`, CASE WHEN CAST(`l.duration_seconds` AS STRING) = `t.duration_seconds` OR (`t.duration_seconds` RLIKE '^\\s*[+-]?\\d+(\\.0*)?\\s*$') THEN `l.duration_seconds` END AS `v.duration_seconds`, CASE WHEN abs(`l.value`) < 1e29 THEN `l.value` END AS `v.value`, `t.unit` AS `v.unit`, `t.direction` AS `v.direction`, `t.channel` AS `v.channel`, `t.channel_raw` AS `v.channel_raw`, `t.quality` AS `v.quality`, `t.quality_raw` AS `v.quality_raw` FROM l2),
checked AS (SELECT *, COALESCE(CASE WHEN `v.utility_id` IS NULL THEN 'utility_id: missing required value' END,
    CASE WHEN `v.meter_id` IS NULL THEN 'meter_id: missing required value' END,
    `w.interval_start_ts`,
    CASE WHEN `t.duration_seconds` IS NOT NULL AND `v.duration_seconds` IS NULL THEN 'duration_seconds: not a valid bigint' END,
    CASE WHEN `v.duration_seconds` IS NULL THEN 'duration_seconds: missing required value' END,
    CASE WHEN `t.value` IS NOT NULL AND `l.value` IS NULL THEN 'value: not a valid double' END,
    CASE WHEN `l.value` IS NOT NULL AND NOT (abs(`l.value`) < CAST('infinity' AS DOUBLE)) THEN 'value: not a finite number' END,
    CASE WHEN `l.value` IS NOT NULL AND `v.value` IS NULL THEN 'value: out of range (|value| ≥ 1e29)' END,
    CASE WHEN `v.value` IS NULL THEN 'value: missing required value' END,
    CASE WHEN `v.unit` IS NULL THEN 'unit: missing required value' END) AS __reason FROM l3)
SELECT __file_index, __line, __reason,
  CASE WHEN __reason IS NOT NULL THEN to_json(named_struct('channel', `channel`, 'duration', `duration`, 'meter_id', `meter_id`, 'quality', `quality`, 'timestamp', `timestamp`, 'value', `value`), map('ignoreNullFields', 'false', 'timestampFormat', 'yyyy-MM-dd HH:mm:ssx', 'timestampNTZFormat', 'yyyy-MM-dd HH:mm:ss')) END AS __record,
  CASE WHEN __reason IS NULL THEN TRUE ELSE FALSE END AS __keep,
  `v.utility_id` AS `utility_id`,
  `v.meter_id` AS `meter_id`,
  `v.interval_start_ts` AS `interval_start_ts`,
  `v.duration_seconds` AS `duration_seconds`,
  `v.value` AS `value`,
  `v.unit` AS `unit`,
  `v.direction` AS `direction`,
  `v.channel` AS `channel`,
  `v.channel_raw` AS `channel_raw`,
  `v.quality` AS `quality`,
  `v.quality_raw` AS `quality_raw`,
  timestamp_micros(unix_micros(`v.interval_start_ts`) + CAST(round(CAST(`v.duration_seconds` AS DOUBLE) * 1000000) AS BIGINT)) AS `interval_end_ts`
FROM checked;

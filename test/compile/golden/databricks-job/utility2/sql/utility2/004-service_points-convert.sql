-- gridflow UTILITY2 step 004: service_points.convert
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_conv_service_points` AS
WITH src AS (
  SELECT 0 AS __file_index, __src_line AS __line, * FROM `gf_raw_service_points_0`
),
dict0_0 AS (SELECT DISTINCT `created_date` FROM (SELECT * FROM `gf_raw_service_points_0`)),
dict0_1 AS (SELECT *, `created_date` AS `r.created_at` FROM dict0_0),
dict0_1b AS (SELECT *, `r.created_at` AS `t.created_at` FROM dict0_1),
dict0_2 AS (SELECT *, CASE WHEN (`t.created_at` RLIKE '^\\d{4}-\\d{1,2}-\\d{1,2}$') THEN try_to_timestamp(`t.created_at`, 'yyyy-M-d') END AS `l.created_at` FROM dict0_1b),
dict0_3 AS (SELECT *, CASE WHEN from_utc_timestamp(to_utc_timestamp(`l.created_at`, 'America/New_York'), 'America/New_York') <> `l.created_at` THEN NULL WHEN from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.created_at`, 'America/New_York')) + CAST(round(CAST(-abs(((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.created_at`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.created_at`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000) - ((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.created_at`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.created_at`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000)) AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York') = `l.created_at` THEN timestamp_micros(unix_micros(to_utc_timestamp(`l.created_at`, 'America/New_York')) + CAST(round(CAST(-abs(((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.created_at`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.created_at`, 'America/New_York')) + CAST(round(CAST(86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000) - ((unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.created_at`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'America/New_York')) - unix_micros(from_utc_timestamp(timestamp_micros(unix_micros(to_utc_timestamp(`l.created_at`, 'America/New_York')) + CAST(round(CAST(-86400 AS DOUBLE) * 1000000) AS BIGINT)), 'UTC'))) / 1000000)) AS DOUBLE) * 1000000) AS BIGINT)) ELSE to_utc_timestamp(`l.created_at`, 'America/New_York') END AS `v.created_at` FROM dict0_2),
dict0 AS (SELECT `created_date`, `v.created_at`, COALESCE(CASE WHEN `l.created_at` IS NOT NULL AND (from_utc_timestamp(to_utc_timestamp(`l.created_at`, 'America/New_York'), 'America/New_York') <> `l.created_at`) THEN 'created_at: local time does not exist in America/New_York (skipped by DST)' END, CASE WHEN `t.created_at` IS NOT NULL AND `v.created_at` IS NULL AND `l.created_at` IS NULL THEN 'created_at: not a valid timestamp (%Y-%m-%d)' END) AS `w.created_at` FROM dict0_3),
l0 AS (SELECT src.*, dict0.`v.created_at`, dict0.`w.created_at` FROM src LEFT JOIN dict0 ON dict0.`created_date` IS NOT DISTINCT FROM src.`created_date`),
l1 AS (SELECT *, 'UTILITY2' AS `r.utility_id`, `premise_id` AS `r.service_point_id`, `premise_house_num` AS `r.house_num`, `premise_street` AS `r.street`, `premise_house_supp` AS `r.house_supp`, `premise_city` AS `r.city`, `premise_zip` AS `r.zip`, `premise_region` AS `r.state` FROM l0),
l1b AS (SELECT *, `r.utility_id` AS `t.utility_id`, `r.service_point_id` AS `t.service_point_id`, `r.house_num` AS `t.house_num`, `r.street` AS `t.street`, `r.house_supp` AS `t.house_supp`, `r.city` AS `t.city`, `r.zip` AS `t.zip`, `r.state` AS `t.state` FROM l1),
l2 AS (SELECT * FROM l1b),
l3 AS (SELECT *, `t.utility_id` AS `v.utility_id`, `t.service_point_id` AS `v.service_point_id`, `t.house_num` AS `v.house_num`, `t.street` AS `v.street`, `t.house_supp` AS `v.house_supp`, `t.city` AS `v.city`, `t.zip` AS `v.zip`, `t.state` AS `v.state` FROM l2),
checked AS (SELECT *, COALESCE(CASE WHEN `v.utility_id` IS NULL THEN 'utility_id: missing required value' END,
    CASE WHEN `v.service_point_id` IS NULL THEN 'service_point_id: missing required value' END,
    `w.created_at`) AS __reason FROM l3)
SELECT __file_index, __line, __reason,
  CASE WHEN __reason IS NOT NULL THEN to_json(named_struct('premise_id', `premise_id`, 'created_date', `created_date`, 'premise_house_num', `premise_house_num`, 'premise_street', `premise_street`, 'premise_house_supp', `premise_house_supp`, 'premise_city', `premise_city`, 'premise_zip', `premise_zip`, 'premise_region', `premise_region`), map('ignoreNullFields', 'false', 'timestampFormat', 'yyyy-MM-dd HH:mm:ssx', 'timestampNTZFormat', 'yyyy-MM-dd HH:mm:ss')) END AS __record,
  CASE WHEN __reason IS NULL THEN TRUE ELSE FALSE END AS __keep,
  `v.utility_id` AS `utility_id`,
  `v.service_point_id` AS `service_point_id`,
  `v.house_num` AS `house_num`,
  `v.street` AS `street`,
  `v.house_supp` AS `house_supp`,
  `v.city` AS `city`,
  `v.zip` AS `zip`,
  `v.state` AS `state`,
  `v.created_at` AS `created_at`
FROM checked;

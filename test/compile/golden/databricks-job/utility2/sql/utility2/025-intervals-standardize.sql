-- gridflow UTILITY2 step 025: intervals.standardize
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_std_intervals` AS
SELECT b.`utility_id`,
  j0_0.`service_point_id` AS `service_point_id`,
  b.`meter_id`,
  b.`interval_start_ts`,
  b.`interval_end_ts`,
  b.`duration_seconds`,
  b.`value`,
  b.`unit`,
  b.`direction`,
  b.`quality`,
  b.`quality_raw`,
  b.`channel`,
  b.`channel_raw`,
  CAST(NULL AS TIMESTAMP) AS `last_update_ts`,
  'utility2_intervals.csv' AS source_file,
  b.__line AS source_line,
  (j0_0.__found IS NOT NULL) AS `__found_service_point_id`
FROM (SELECT k.* FROM (SELECT * FROM `gf_conv_intervals` WHERE __keep) k LEFT JOIN `gf_rep_intervals` r ON r.`meter_id` IS NOT DISTINCT FROM k.`meter_id` AND r.`channel_raw` IS NOT DISTINCT FROM k.`channel_raw` AND r.`interval_start_ts` IS NOT DISTINCT FROM k.`interval_start_ts` WHERE r.__n IS NULL OR (NOT r.__conflict AND (k.__file_index * 1099511627776 + k.__line) = r.__winner)) b
LEFT JOIN (SELECT *, COALESCE(__from, TIMESTAMP '0001-01-01 00:00:00') AS __from_bound, TRUE AS __found, COALESCE(CASE WHEN __next IS NULL THEN __until WHEN __until IS NULL OR __next < __until THEN __next ELSE __until END, TIMESTAMP '9999-12-31 23:59:59') AS __to FROM (SELECT *, lead(__from) OVER (PARTITION BY `meter_id` ORDER BY __from ASC NULLS FIRST) AS __next FROM (SELECT * EXCEPT (__qualify) FROM (SELECT *, `installed_at` AS __from, `removed_at` AS __until, (row_number() OVER (PARTITION BY `meter_id`, `installed_at` ORDER BY __file_index DESC, __line DESC) = 1) AS __qualify FROM `gf_hist_meters`) WHERE __qualify))) j0_0 ON j0_0.`meter_id` = b.`meter_id` AND b.`interval_start_ts` >= j0_0.__from_bound AND b.`interval_start_ts` < j0_0.__to;

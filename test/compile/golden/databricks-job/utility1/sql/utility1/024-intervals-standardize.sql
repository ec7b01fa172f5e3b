-- gridflow UTILITY1 step 024: intervals.standardize
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_std_intervals` AS
SELECT b.`utility_id`,
  b.`service_point_id`,
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
  b.`last_update_ts`,
  'utility1_intervals.csv' AS source_file,
  b.__line AS source_line
FROM (SELECT k.* FROM (SELECT * FROM `gf_conv_intervals` WHERE __keep) k LEFT JOIN (SELECT k.`meter_id`, k.`channel_raw`, k.`interval_start_ts`, max((k.__file_index * 1099511627776 + k.__line)) AS __winner FROM (SELECT * FROM `gf_conv_intervals` WHERE __keep) k JOIN `gf_rep_intervals` b ON b.`meter_id` IS NOT DISTINCT FROM k.`meter_id` AND b.`channel_raw` IS NOT DISTINCT FROM k.`channel_raw` AND b.`interval_start_ts` IS NOT DISTINCT FROM k.`interval_start_ts` AND COALESCE(k.`last_update_ts`, TIMESTAMP '0001-01-01 00:00:00') = b.__best GROUP BY k.`meter_id`, k.`channel_raw`, k.`interval_start_ts`) w ON w.`meter_id` IS NOT DISTINCT FROM k.`meter_id` AND w.`channel_raw` IS NOT DISTINCT FROM k.`channel_raw` AND w.`interval_start_ts` IS NOT DISTINCT FROM k.`interval_start_ts` WHERE w.__winner IS NULL OR (k.__file_index * 1099511627776 + k.__line) = w.__winner) b;

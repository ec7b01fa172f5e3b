-- gridflow UTILITY2 step 017: meters.standardize
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_std_meters` AS
SELECT b.`utility_id`,
  b.`meter_id`,
  b.`serial_number`,
  b.`meter_type`,
  b.`meter_status`,
  CAST(NULL AS STRING) AS `meter_category`,
  CAST(NULL AS STRING) AS `customer_class`,
  b.`service_point_id`,
  b.`installed_at`,
  b.`removed_at`,
  b.`created_at`,
  b.`updated_at`,
  'utility2_meters.csv' AS source_file,
  b.__line AS source_line
FROM (SELECT k.* FROM (SELECT * FROM `gf_conv_meters` WHERE __keep) k LEFT JOIN (SELECT k.`meter_id`, max((k.__file_index * 1099511627776 + k.__line)) AS __winner FROM (SELECT * FROM `gf_conv_meters` WHERE __keep) k JOIN `gf_rep_meters` b ON b.`meter_id` IS NOT DISTINCT FROM k.`meter_id` AND COALESCE(k.`installed_at`, TIMESTAMP '0001-01-01 00:00:00') = b.__best GROUP BY k.`meter_id`) w ON w.`meter_id` IS NOT DISTINCT FROM k.`meter_id` WHERE w.__winner IS NULL OR (k.__file_index * 1099511627776 + k.__line) = w.__winner) b;

-- gridflow UTILITY1 step 008: service_points.standardize
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_std_service_points` AS
SELECT b.`utility_id`,
  b.`service_point_id`,
  b.`service_point_number`,
  CAST(NULL AS STRING) AS `status`,
  CAST(NULL AS STRING) AS `house_num`,
  b.`street`,
  CAST(NULL AS STRING) AS `house_supp`,
  b.`city`,
  b.`zip`,
  b.`state`,
  b.`installed_at`,
  b.`removed_at`,
  b.`created_at`,
  b.`updated_at`,
  'utility1_service_points.csv' AS source_file,
  b.__line AS source_line
FROM (SELECT k.* FROM (SELECT * FROM `gf_conv_service_points` WHERE __keep) k LEFT JOIN (SELECT k.`service_point_id`, max((k.__file_index * 1099511627776 + k.__line)) AS __winner FROM (SELECT * FROM `gf_conv_service_points` WHERE __keep) k JOIN `gf_rep_service_points` b ON b.`service_point_id` IS NOT DISTINCT FROM k.`service_point_id` AND COALESCE(k.`updated_at`, TIMESTAMP '0001-01-01 00:00:00') = b.__best GROUP BY k.`service_point_id`) w ON w.`service_point_id` IS NOT DISTINCT FROM k.`service_point_id` WHERE w.__winner IS NULL OR (k.__file_index * 1099511627776 + k.__line) = w.__winner) b;

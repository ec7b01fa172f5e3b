-- gridflow UTILITY2 step 008: service_points.standardize
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_std_service_points` AS
SELECT b.`utility_id`,
  b.`service_point_id`,
  CAST(NULL AS STRING) AS `service_point_number`,
  CAST(NULL AS STRING) AS `status`,
  b.`house_num`,
  b.`street`,
  b.`house_supp`,
  b.`city`,
  b.`zip`,
  b.`state`,
  CAST(NULL AS TIMESTAMP) AS `installed_at`,
  CAST(NULL AS TIMESTAMP) AS `removed_at`,
  b.`created_at`,
  CAST(NULL AS TIMESTAMP) AS `updated_at`,
  'utility2_service_points.csv' AS source_file,
  b.__line AS source_line
FROM (SELECT k.* FROM (SELECT * FROM `gf_conv_service_points` WHERE __keep) k LEFT JOIN `gf_rep_service_points` r ON r.`service_point_id` IS NOT DISTINCT FROM k.`service_point_id` WHERE r.__n IS NULL OR ((k.__file_index * 1099511627776 + k.__line) = r.__winner)) b;

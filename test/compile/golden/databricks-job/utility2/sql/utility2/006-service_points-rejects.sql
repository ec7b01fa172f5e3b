-- gridflow UTILITY2 step 006: service_points.rejects
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_rej_service_points` AS
SELECT 'UTILITY2' AS utility_id, 'service_points' AS `table`, 'utility2_service_points.csv' AS source_file, __line AS source_line, __reason AS reason, __record AS record FROM `gf_conv_service_points` WHERE __reason IS NOT NULL
UNION ALL
SELECT 'UTILITY2', 'service_points', 'utility2_service_points.csv', line, reason, record FROM `gf_skip_service_points_0`;

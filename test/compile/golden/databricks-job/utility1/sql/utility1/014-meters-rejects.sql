-- gridflow UTILITY1 step 014: meters.rejects
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_rej_meters` AS
SELECT 'UTILITY1' AS utility_id, 'meters' AS `table`, 'utility1_meters.csv' AS source_file, __line AS source_line, __reason AS reason, __record AS record FROM `gf_conv_meters` WHERE __reason IS NOT NULL
UNION ALL
SELECT 'UTILITY1', 'meters', 'utility1_meters.csv', line, reason, record FROM `gf_skip_meters_0`;

-- gridflow UTILITY1 step 022: intervals.rejects
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_rej_intervals` AS
SELECT 'UTILITY1' AS utility_id, 'intervals' AS `table`, 'utility1_intervals.csv' AS source_file, __line AS source_line, __reason AS reason, __record AS record FROM `gf_conv_intervals` WHERE __reason IS NOT NULL
UNION ALL
SELECT 'UTILITY1', 'intervals', 'utility1_intervals.csv', line, reason, record FROM `gf_skip_intervals_0`;

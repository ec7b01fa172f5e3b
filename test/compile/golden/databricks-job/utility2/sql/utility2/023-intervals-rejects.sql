-- gridflow UTILITY2 step 023: intervals.rejects
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_rej_intervals` AS
SELECT 'UTILITY2' AS utility_id, 'intervals' AS `table`, 'utility2_intervals.csv' AS source_file, __line AS source_line, __reason AS reason, __record AS record FROM `gf_conv_intervals` WHERE __reason IS NOT NULL
UNION ALL
SELECT 'UTILITY2', 'intervals', 'utility2_intervals.csv', line, reason, record FROM `gf_skip_intervals_0`;

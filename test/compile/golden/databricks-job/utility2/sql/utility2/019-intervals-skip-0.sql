-- gridflow UTILITY2 step 019: intervals.skip.0
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_skip_intervals_0` AS
SELECT CAST(line AS BIGINT) AS line, CASE WHEN min(error_message) LIKE '%unterminated quote%' THEN 'malformed row: unterminated quote' ELSE 'malformed row: ' || lower(min(error_type)) END AS reason, to_json(named_struct('csv_line', trim(BOTH (chr(13) || chr(10)) FROM min(csv_line))), map('ignoreNullFields', 'false', 'timestampFormat', 'yyyy-MM-dd HH:mm:ssx', 'timestampNTZFormat', 'yyyy-MM-dd HH:mm:ss')) AS record, FALSE AS lost
FROM `gf_csverr_intervals_0` GROUP BY line;
CREATE OR REPLACE TABLE `gf_span_intervals_0` (line BIGINT, k BIGINT);

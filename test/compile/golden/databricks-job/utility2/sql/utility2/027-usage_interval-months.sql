-- gridflow UTILITY2 step 027: usage_interval.months
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_usage_months` AS
SELECT ts, date_format(from_utc_timestamp(ts, 'America/New_York'), 'yyyy-MM') AS __month FROM (SELECT DISTINCT interval_start_ts AS ts FROM `gf_std_intervals`);

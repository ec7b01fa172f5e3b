-- gridflow UTILITY1 step 023: intervals.dedupe-repeated
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_rep_intervals` AS
SELECT g.`meter_id`, g.`channel_raw`, g.`interval_start_ts`, count(*) AS __n, max(COALESCE(g.`last_update_ts`, TIMESTAMP '0001-01-01 00:00:00')) AS __best FROM (SELECT * FROM `gf_conv_intervals` WHERE __keep) g GROUP BY g.`meter_id`, g.`channel_raw`, g.`interval_start_ts` HAVING count(*) > 1;

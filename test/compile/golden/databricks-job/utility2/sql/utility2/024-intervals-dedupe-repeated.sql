-- gridflow UTILITY2 step 024: intervals.dedupe-repeated
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_rep_intervals` AS
SELECT g.`meter_id`, g.`channel_raw`, g.`interval_start_ts`, count(*) AS __n FROM (SELECT * FROM `gf_conv_intervals` WHERE __keep) g GROUP BY g.`meter_id`, g.`channel_raw`, g.`interval_start_ts` HAVING count(*) > 1;

-- gridflow UTILITY2 step 024: intervals.dedupe-repeated
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_rep_intervals` AS
SELECT g.`meter_id`, g.`channel_raw`, g.`interval_start_ts`, count(*) AS __n, max((g.__file_index * 1099511627776 + g.__line)) AS __winner, (min(g.`value`) IS DISTINCT FROM max(g.`value`) OR count(g.`value`) NOT IN (0, count(*)) OR min(CASE WHEN g.`value` = 0 THEN CAST(g.`value` AS STRING) END) IS DISTINCT FROM max(CASE WHEN g.`value` = 0 THEN CAST(g.`value` AS STRING) END)) OR (min(g.`quality_raw`) IS DISTINCT FROM max(g.`quality_raw`) OR count(g.`quality_raw`) NOT IN (0, count(*))) AS __conflict FROM (SELECT * FROM `gf_conv_intervals` WHERE __keep) g GROUP BY g.`meter_id`, g.`channel_raw`, g.`interval_start_ts` HAVING count(*) > 1;

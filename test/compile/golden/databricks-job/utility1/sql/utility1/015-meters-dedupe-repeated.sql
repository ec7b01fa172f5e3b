-- gridflow UTILITY1 step 015: meters.dedupe-repeated
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_rep_meters` AS
SELECT g.`meter_id`, count(*) AS __n, max(COALESCE(g.`updated_at`, TIMESTAMP '0001-01-01 00:00:00')) AS __best FROM (SELECT * FROM `gf_conv_meters` WHERE __keep) g GROUP BY g.`meter_id` HAVING count(*) > 1;

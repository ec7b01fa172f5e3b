-- gridflow UTILITY1 step 007: service_points.dedupe-repeated
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_rep_service_points` AS
SELECT g.`service_point_id`, count(*) AS __n, max(COALESCE(g.`updated_at`, TIMESTAMP '0001-01-01 00:00:00')) AS __best FROM (SELECT * FROM `gf_conv_service_points` WHERE __keep) g GROUP BY g.`service_point_id` HAVING count(*) > 1;

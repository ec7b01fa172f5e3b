-- gridflow UTILITY2 step 007: service_points.dedupe-repeated
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_rep_service_points` AS
SELECT g.`service_point_id`, count(*) AS __n, max((g.__file_index * 1099511627776 + g.__line)) AS __winner FROM (SELECT * FROM `gf_conv_service_points` WHERE __keep) g GROUP BY g.`service_point_id` HAVING count(*) > 1;

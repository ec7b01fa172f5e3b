-- gridflow UTILITY2 step 005: service_points.drop-raw.0
USE SCHEMA IDENTIFIER(:work_schema);
DROP TABLE IF EXISTS `gf_raw_service_points_0`;

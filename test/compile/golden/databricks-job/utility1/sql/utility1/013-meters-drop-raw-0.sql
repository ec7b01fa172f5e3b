-- gridflow UTILITY1 step 013: meters.drop-raw.0
USE SCHEMA IDENTIFIER(:work_schema);
DROP TABLE IF EXISTS `gf_raw_meters_0`;

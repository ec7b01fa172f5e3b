-- gridflow UTILITY1 step 021: intervals.drop-raw.0
USE SCHEMA IDENTIFIER(:work_schema);
DROP TABLE IF EXISTS `gf_raw_intervals_0`;

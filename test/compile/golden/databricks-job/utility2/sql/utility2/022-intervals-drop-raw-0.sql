-- gridflow UTILITY2 step 022: intervals.drop-raw.0
USE SCHEMA IDENTIFIER(:work_schema);
DROP TABLE IF EXISTS `gf_raw_intervals_0`;

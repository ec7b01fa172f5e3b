-- gridflow UTILITY2 step 036: usage_daily.drop-per-ts
USE SCHEMA IDENTIFIER(:work_schema);
DROP TABLE IF EXISTS `gf_usage_per_ts`;

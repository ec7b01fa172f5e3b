-- gridflow UTILITY2 step 037: usage_by_area.drop-reads
USE SCHEMA IDENTIFIER(:work_schema);
DROP TABLE IF EXISTS `gf_area_reads`;

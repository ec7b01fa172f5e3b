-- gridflow UTILITY2 step 033: experience.drop-reads
USE SCHEMA IDENTIFIER(:work_schema);
DROP TABLE IF EXISTS `gf_usage_placed_reads`;

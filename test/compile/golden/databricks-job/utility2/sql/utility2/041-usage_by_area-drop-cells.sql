-- gridflow UTILITY2 step 041: usage_by_area.drop-cells
USE SCHEMA IDENTIFIER(:work_schema);
DROP TABLE IF EXISTS `gf_area_bounds`; DROP TABLE IF EXISTS `gf_area_reads`; DROP TABLE IF EXISTS `gf_area_per_ts`; DROP TABLE IF EXISTS `gf_area_cells`; DROP TABLE IF EXISTS `gf_area_screened`;

-- gridflow UTILITY2 step 040: usage_by_area.drop-cells
USE SCHEMA IDENTIFIER(:work_schema);
DROP TABLE IF EXISTS `gf_usage_class_per_ts`; DROP TABLE IF EXISTS `gf_experience_bounds`; DROP TABLE IF EXISTS `gf_area_cells`; DROP TABLE IF EXISTS `gf_area_screened`;

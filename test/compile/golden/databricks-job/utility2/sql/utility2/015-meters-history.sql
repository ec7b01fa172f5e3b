-- gridflow UTILITY2 step 015: meters.history
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_hist_meters` AS SELECT * FROM `gf_conv_meters` WHERE __keep;

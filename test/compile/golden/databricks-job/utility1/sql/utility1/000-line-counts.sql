-- gridflow UTILITY1 step 000: line-counts
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_lines_service_points` (file_index INT, records BIGINT, embedded BIGINT);
INSERT INTO `gf_lines_service_points` SELECT 0, count(*) - 1, 0 FROM read_files(:input_dir || '/utility1_service_points.csv', format => 'text') WHERE value <> '';
CREATE OR REPLACE TABLE `gf_notable_service_points` (file_index INT, line BIGINT, kind STRING, bytes BIGINT, text STRING);
CREATE OR REPLACE TABLE `gf_lines_meters` (file_index INT, records BIGINT, embedded BIGINT);
INSERT INTO `gf_lines_meters` SELECT 0, count(*) - 1, 0 FROM read_files(:input_dir || '/utility1_meters.csv', format => 'text') WHERE value <> '';
CREATE OR REPLACE TABLE `gf_notable_meters` (file_index INT, line BIGINT, kind STRING, bytes BIGINT, text STRING);
CREATE OR REPLACE TABLE `gf_lines_intervals` (file_index INT, records BIGINT, embedded BIGINT);
INSERT INTO `gf_lines_intervals` SELECT 0, count(*) - 1, 0 FROM read_files(:input_dir || '/utility1_intervals.csv', format => 'text') WHERE value <> '';
CREATE OR REPLACE TABLE `gf_notable_intervals` (file_index INT, line BIGINT, kind STRING, bytes BIGINT, text STRING);

-- gridflow UTILITY2 step 011: meters.lost.0
USE SCHEMA IDENTIFIER(:work_schema);
BEGIN
IF (SELECT n FROM (SELECT (SELECT records - embedded FROM `gf_lines_meters` WHERE file_index = 0) - (SELECT count(*) FROM `gf_raw_meters_0`) - (SELECT count(*) FROM `gf_skip_meters_0`) AS n) guard) > 0 THEN
INSERT INTO `gf_span_meters_0` SELECT * FROM (SELECT __src_line AS line, char_length(concat_ws('', `premise_id`, `meter_id`, `meter_number`, `meter_type`, `meter_status`, `meter_channel`, `installed_at`, `removed_at`, `created`, `updated`)) - char_length(replace(concat_ws('', `premise_id`, `meter_id`, `meter_number`, `meter_type`, `meter_status`, `meter_channel`, `installed_at`, `removed_at`, `created`, `updated`), chr(10), '')) AS k FROM `gf_raw_meters_0`) WHERE k > 0;
UPDATE `gf_lines_meters` SET embedded = (SELECT COALESCE(sum(k), 0) FROM `gf_span_meters_0`) WHERE file_index = 0;
INSERT INTO `gf_skip_meters_0` SELECT line, 'malformed row: line size over maximum', NULL, FALSE FROM `gf_notable_meters` WHERE file_index = 0 AND kind = 'long' AND line NOT IN (SELECT line FROM `gf_skip_meters_0`);
INSERT INTO `gf_skip_meters_0` SELECT a.at + s.k, CASE WHEN a.at IS NULL THEN 'malformed row: not read by the CSV reader' ELSE 'malformed row: inside the unterminated quote opened at line ' || CAST(a.at AS STRING) END, NULL, TRUE
FROM (SELECT explode(sequence(1, g.n)) AS k FROM (SELECT (SELECT records - embedded FROM `gf_lines_meters` WHERE file_index = 0) - (SELECT count(*) FROM `gf_raw_meters_0`) - (SELECT count(*) FROM `gf_skip_meters_0`) AS n) g WHERE g.n > 0) s CROSS JOIN (SELECT (SELECT max(line) FROM `gf_skip_meters_0` WHERE reason = 'malformed row: unterminated quote') AS at) a;
END IF;
END;

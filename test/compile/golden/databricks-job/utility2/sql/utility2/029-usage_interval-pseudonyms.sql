-- gridflow UTILITY2 step 029: usage_interval.pseudonyms
USE SCHEMA IDENTIFIER(:work_schema);
DECLARE OR REPLACE VARIABLE gf_key_block STRING;
SET VAR gf_key_block = rpad(CASE WHEN octet_length(encode(secret(:pseudonym_scope, :pseudonym_key), 'UTF-8')) > 64 THEN sha2(encode(secret(:pseudonym_scope, :pseudonym_key), 'UTF-8'), 256) ELSE hex(encode(secret(:pseudonym_scope, :pseudonym_key), 'UTF-8')) END, 128, '0');
DECLARE OR REPLACE VARIABLE gf_key_ipad STRING;
DECLARE OR REPLACE VARIABLE gf_key_opad STRING;
SET VAR gf_key_ipad = array_join(transform(sequence(0, 63), i -> lpad(hex(CAST(conv(substr(gf_key_block, 2 * i + 1, 2), 16, 10) AS INT) ^ 54), 2, '0')), '');
SET VAR gf_key_opad = array_join(transform(sequence(0, 63), i -> lpad(hex(CAST(conv(substr(gf_key_block, 2 * i + 1, 2), 16, 10) AS INT) ^ 92), 2, '0')), '');
SET VAR gf_key_block = NULL;
CREATE OR REPLACE TABLE `gf_pseudonyms` AS
SELECT v AS __id, sha2(concat(unhex(gf_key_opad), unhex(sha2(concat(unhex(gf_key_ipad), encode(CAST(v AS STRING), 'UTF-8')), 256))), 256) AS __pseudonym
FROM (SELECT DISTINCT v FROM (SELECT CAST(`meter_id` AS STRING) AS v FROM `gf_std_meters` WHERE `meter_id` IS NOT NULL
UNION ALL SELECT CAST(`serial_number` AS STRING) AS v FROM `gf_std_meters` WHERE `serial_number` IS NOT NULL
UNION ALL SELECT CAST(`service_point_id` AS STRING) AS v FROM `gf_std_meters` WHERE `service_point_id` IS NOT NULL
UNION ALL SELECT CAST(`service_point_id` AS STRING) AS v FROM `gf_std_service_points` WHERE `service_point_id` IS NOT NULL
UNION ALL SELECT CAST(`service_point_number` AS STRING) AS v FROM `gf_std_service_points` WHERE `service_point_number` IS NOT NULL));

-- gridflow UTILITY2 step 044: write.internal/rejects.meters
USE SCHEMA IDENTIFIER(:work_schema);
CREATE TABLE IF NOT EXISTS IDENTIFIER(:output_schema || '.' || 'internal_rejects_meters') PARTITIONED BY (`utility_id`) AS SELECT * FROM (SELECT * FROM `gf_rej_meters`) WHERE false;
INSERT INTO IDENTIFIER(:output_schema || '.' || 'internal_rejects_meters') REPLACE WHERE utility_id = 'UTILITY2' SELECT * FROM `gf_rej_meters`;

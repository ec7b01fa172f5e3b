-- gridflow UTILITY2 step 042: write.internal/rejects.service_points
USE SCHEMA IDENTIFIER(:work_schema);
CREATE TABLE IF NOT EXISTS IDENTIFIER(:output_schema || '.' || 'internal_rejects_service_points') PARTITIONED BY (`utility_id`) AS SELECT * FROM (SELECT * FROM `gf_rej_service_points`) WHERE false;
INSERT INTO IDENTIFIER(:output_schema || '.' || 'internal_rejects_service_points') REPLACE WHERE utility_id = 'UTILITY2' SELECT * FROM `gf_rej_service_points`;

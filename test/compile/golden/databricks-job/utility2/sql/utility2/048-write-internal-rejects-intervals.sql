-- gridflow UTILITY2 step 048: write.internal/rejects.intervals
USE SCHEMA IDENTIFIER(:work_schema);
CREATE TABLE IF NOT EXISTS IDENTIFIER(:output_schema || '.' || 'internal_rejects_intervals') PARTITIONED BY (`utility_id`) AS SELECT * FROM (SELECT * FROM `gf_rej_intervals`) WHERE false;
INSERT INTO IDENTIFIER(:output_schema || '.' || 'internal_rejects_intervals') REPLACE WHERE utility_id = 'UTILITY2' SELECT * FROM `gf_rej_intervals`;

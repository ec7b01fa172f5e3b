-- service_points.read.0
CREATE OR REPLACE TEMP TABLE "gf_raw_service_points_0" AS SELECT * FROM read_csv('<repo>/data/raw/utility2/utility2_service_points.csv', columns = {'premise_id': 'VARCHAR', 'created_date': 'VARCHAR', 'premise_house_num': 'VARCHAR', 'premise_street': 'VARCHAR', 'premise_house_supp': 'VARCHAR', 'premise_city': 'VARCHAR', 'premise_zip': 'VARCHAR', 'premise_region': 'VARCHAR'}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', encoding = 'utf-8', nullstr = [''], max_line_size = 2000000, store_rejects = true, rejects_table = 'gf_csverr_service_points_0', rejects_scan = 'gf_csverr_service_points_0_scan');

-- service_points.skip.0
CREATE OR REPLACE TEMP TABLE "gf_skip_service_points_0" AS
SELECT CAST(line AS BIGINT) AS line, CASE WHEN min(error_message) LIKE '%unterminated quote%' THEN 'malformed row: unterminated quote' ELSE 'malformed row: ' || lower(min(error_type)) END AS reason, to_json({'csv_line': trim(min(csv_line), chr(13) || chr(10))}) AS record, FALSE AS lost
FROM "gf_csverr_service_points_0" GROUP BY line;
CREATE OR REPLACE TEMP TABLE "gf_span_service_points_0" (line BIGINT, k BIGINT);

-- service_points.lost.0
INSERT INTO "gf_span_service_points_0" SELECT * FROM (SELECT (rowid + 2) AS line, length(concat_ws('', "premise_id", "created_date", "premise_house_num", "premise_street", "premise_house_supp", "premise_city", "premise_zip", "premise_region")) - length(replace(concat_ws('', "premise_id", "created_date", "premise_house_num", "premise_street", "premise_house_supp", "premise_city", "premise_zip", "premise_region"), chr(10), '')) AS k FROM "gf_raw_service_points_0") WHERE k > 0;
UPDATE "gf_lines_service_points" SET embedded = (SELECT COALESCE(sum(k), 0) FROM "gf_span_service_points_0") WHERE file_index = 0;
INSERT INTO "gf_skip_service_points_0" SELECT line, 'malformed row: line size over maximum', NULL, FALSE FROM "gf_notable_service_points" WHERE file_index = 0 AND kind = 'long' AND line NOT IN (SELECT line FROM "gf_skip_service_points_0");
INSERT INTO "gf_skip_service_points_0" SELECT a.at + s.k, CASE WHEN a.at IS NULL THEN 'malformed row: not read by the CSV reader' ELSE 'malformed row: inside the unterminated quote opened at line ' || CAST(a.at AS VARCHAR) END, NULL, TRUE
FROM (SELECT unnest(generate_series(1, g.n)) AS k FROM (SELECT (SELECT records - embedded FROM "gf_lines_service_points" WHERE file_index = 0) - (SELECT count(*) FROM "gf_raw_service_points_0") - (SELECT count(*) FROM "gf_skip_service_points_0") AS n) g WHERE g.n > 0) s CROSS JOIN (SELECT (SELECT max(line) FROM "gf_skip_service_points_0" WHERE reason = 'malformed row: unterminated quote') AS at) a;

-- service_points.convert
CREATE OR REPLACE TEMP TABLE "gf_conv_service_points" AS
WITH src AS (
  SELECT 0 AS __file_index, (rowid + 2) AS __line, * FROM "gf_raw_service_points_0"
),
dict0_0 AS (SELECT DISTINCT "created_date" FROM (SELECT * FROM "gf_raw_service_points_0")),
dict0_1 AS (SELECT *, "created_date" AS "r.created_at" FROM dict0_0),
dict0_1b AS (SELECT *, "r.created_at" AS "t.created_at" FROM dict0_1),
dict0_2 AS (SELECT *, CASE WHEN regexp_matches("t.created_at", '^\d{4}-\d{1,2}-\d{1,2}$') THEN try_strptime("t.created_at", '%Y-%m-%d') END AS "l.created_at" FROM dict0_1b),
dict0_3 AS (SELECT *, CASE WHEN (("l.created_at" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.created_at" THEN NULL WHEN ((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York') = "l.created_at" THEN (("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) ELSE ("l.created_at" AT TIME ZONE 'America/New_York') END AS "v.created_at" FROM dict0_2),
dict0 AS (SELECT "created_date", "v.created_at", COALESCE(CASE WHEN "l.created_at" IS NOT NULL AND ((("l.created_at" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.created_at") THEN 'created_at: local time does not exist in America/New_York (skipped by DST)' END, CASE WHEN "t.created_at" IS NOT NULL AND "v.created_at" IS NULL AND "l.created_at" IS NULL THEN 'created_at: not a valid timestamp (%Y-%m-%d)' END) AS "w.created_at" FROM dict0_3),
l0 AS (SELECT src.*, dict0."v.created_at", dict0."w.created_at" FROM src LEFT JOIN dict0 ON dict0."created_date" IS NOT DISTINCT FROM src."created_date"),
l1 AS (SELECT *, 'UTILITY2' AS "r.utility_id", "premise_id" AS "r.service_point_id", "premise_house_num" AS "r.house_num", "premise_street" AS "r.street", "premise_house_supp" AS "r.house_supp", "premise_city" AS "r.city", "premise_zip" AS "r.zip", "premise_region" AS "r.state" FROM l0),
l1b AS (SELECT *, "r.utility_id" AS "t.utility_id", "r.service_point_id" AS "t.service_point_id", "r.house_num" AS "t.house_num", "r.street" AS "t.street", "r.house_supp" AS "t.house_supp", "r.city" AS "t.city", "r.zip" AS "t.zip", "r.state" AS "t.state" FROM l1),
l2 AS (SELECT * FROM l1b),
l3 AS (SELECT *, "t.utility_id" AS "v.utility_id", "t.service_point_id" AS "v.service_point_id", "t.house_num" AS "v.house_num", "t.street" AS "v.street", "t.house_supp" AS "v.house_supp", "t.city" AS "v.city", "t.zip" AS "v.zip", "t.state" AS "v.state" FROM l2),
checked AS (SELECT *, COALESCE(CASE WHEN "v.utility_id" IS NULL THEN 'utility_id: missing required value' END,
    CASE WHEN "v.service_point_id" IS NULL THEN 'service_point_id: missing required value' END,
    "w.created_at") AS __reason FROM l3)
SELECT __file_index, __line, __reason,
  CASE WHEN __reason IS NOT NULL THEN to_json({'premise_id': "premise_id", 'created_date': "created_date", 'premise_house_num': "premise_house_num", 'premise_street': "premise_street", 'premise_house_supp': "premise_house_supp", 'premise_city': "premise_city", 'premise_zip': "premise_zip", 'premise_region': "premise_region"}) END AS __record,
  CASE WHEN __reason IS NULL THEN TRUE ELSE FALSE END AS __keep,
  "v.utility_id" AS "utility_id",
  "v.service_point_id" AS "service_point_id",
  "v.house_num" AS "house_num",
  "v.street" AS "street",
  "v.house_supp" AS "house_supp",
  "v.city" AS "city",
  "v.zip" AS "zip",
  "v.state" AS "state",
  "v.created_at" AS "created_at"
FROM checked;

-- service_points.drop-raw.0
DROP TABLE IF EXISTS "gf_raw_service_points_0";

-- service_points.fix-spans.0
UPDATE "gf_conv_service_points" AS c SET __line = c.__line + (SELECT COALESCE(sum(k), 0) FROM "gf_span_service_points_0" s WHERE s.line < c.__line) WHERE c.__file_index = 0;

-- service_points.fix-lines.0
UPDATE "gf_conv_service_points" AS c SET __line = c.__line + (SELECT count(*) FROM (SELECT line - row_number() OVER (ORDER BY line) AS x FROM (SELECT line FROM "gf_skip_service_points_0" WHERE line IS NOT NULL UNION SELECT line FROM "gf_notable_service_points" WHERE file_index = 0 AND kind = 'blank')) e WHERE e.x <= c.__line - 1)
WHERE c.__file_index = 0;

-- service_points.too-many-columns.0
UPDATE "gf_conv_service_points" AS c SET __reason = 'malformed row: too many columns', __keep = FALSE, __record = to_json({'csv_line': n.text})
FROM "gf_notable_service_points" n WHERE n.file_index = 0 AND n.kind = 'wide' AND c.__file_index = 0 AND c.__line = n.line;

-- service_points.rejects
CREATE OR REPLACE TEMP TABLE "gf_rej_service_points" AS
SELECT 'UTILITY2' AS utility_id, 'service_points' AS "table", 'data/raw/utility2/utility2_service_points.csv' AS source_file, __line AS source_line, __reason AS reason, __record AS record FROM "gf_conv_service_points" WHERE __reason IS NOT NULL
UNION ALL
SELECT 'UTILITY2', 'service_points', 'data/raw/utility2/utility2_service_points.csv', line, reason, record FROM "gf_skip_service_points_0";

-- service_points.dedupe-repeated
CREATE OR REPLACE TEMP TABLE "gf_rep_service_points" AS
SELECT g."service_point_id", count(*) AS __n, max((g.__file_index * 1099511627776 + g.__line)) AS __winner FROM (SELECT * FROM "gf_conv_service_points" WHERE __keep) g GROUP BY g."service_point_id" HAVING count(*) > 1;

-- service_points.standardize
CREATE OR REPLACE TEMP TABLE "gf_std_service_points" AS
SELECT b."utility_id",
  b."service_point_id",
  CAST(NULL AS VARCHAR) AS "service_point_number",
  CAST(NULL AS VARCHAR) AS "status",
  b."house_num",
  b."street",
  b."house_supp",
  b."city",
  b."zip",
  b."state",
  CAST(NULL AS TIMESTAMPTZ) AS "installed_at",
  CAST(NULL AS TIMESTAMPTZ) AS "removed_at",
  b."created_at",
  CAST(NULL AS TIMESTAMPTZ) AS "updated_at",
  'data/raw/utility2/utility2_service_points.csv' AS source_file,
  b.__line AS source_line
FROM (SELECT k.* FROM (SELECT * FROM "gf_conv_service_points" WHERE __keep) k LEFT JOIN "gf_rep_service_points" r ON r."service_point_id" IS NOT DISTINCT FROM k."service_point_id" WHERE r.__n IS NULL OR ((k.__file_index * 1099511627776 + k.__line) = r.__winner)) b;

-- meters.read.0
CREATE OR REPLACE TEMP TABLE "gf_raw_meters_0" AS SELECT * FROM read_csv('<repo>/data/raw/utility2/utility2_meters.csv', columns = {'premise_id': 'VARCHAR', 'meter_id': 'VARCHAR', 'meter_number': 'VARCHAR', 'meter_type': 'VARCHAR', 'meter_status': 'VARCHAR', 'meter_channel': 'VARCHAR', 'installed_at': 'VARCHAR', 'removed_at': 'VARCHAR', 'created': 'VARCHAR', 'updated': 'VARCHAR'}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', encoding = 'utf-8', nullstr = [''], max_line_size = 2000000, store_rejects = true, rejects_table = 'gf_csverr_meters_0', rejects_scan = 'gf_csverr_meters_0_scan');

-- meters.skip.0
CREATE OR REPLACE TEMP TABLE "gf_skip_meters_0" AS
SELECT CAST(line AS BIGINT) AS line, CASE WHEN min(error_message) LIKE '%unterminated quote%' THEN 'malformed row: unterminated quote' ELSE 'malformed row: ' || lower(min(error_type)) END AS reason, to_json({'csv_line': trim(min(csv_line), chr(13) || chr(10))}) AS record, FALSE AS lost
FROM "gf_csverr_meters_0" GROUP BY line;
CREATE OR REPLACE TEMP TABLE "gf_span_meters_0" (line BIGINT, k BIGINT);

-- meters.lost.0
INSERT INTO "gf_span_meters_0" SELECT * FROM (SELECT (rowid + 2) AS line, length(concat_ws('', "premise_id", "meter_id", "meter_number", "meter_type", "meter_status", "meter_channel", "installed_at", "removed_at", "created", "updated")) - length(replace(concat_ws('', "premise_id", "meter_id", "meter_number", "meter_type", "meter_status", "meter_channel", "installed_at", "removed_at", "created", "updated"), chr(10), '')) AS k FROM "gf_raw_meters_0") WHERE k > 0;
UPDATE "gf_lines_meters" SET embedded = (SELECT COALESCE(sum(k), 0) FROM "gf_span_meters_0") WHERE file_index = 0;
INSERT INTO "gf_skip_meters_0" SELECT line, 'malformed row: line size over maximum', NULL, FALSE FROM "gf_notable_meters" WHERE file_index = 0 AND kind = 'long' AND line NOT IN (SELECT line FROM "gf_skip_meters_0");
INSERT INTO "gf_skip_meters_0" SELECT a.at + s.k, CASE WHEN a.at IS NULL THEN 'malformed row: not read by the CSV reader' ELSE 'malformed row: inside the unterminated quote opened at line ' || CAST(a.at AS VARCHAR) END, NULL, TRUE
FROM (SELECT unnest(generate_series(1, g.n)) AS k FROM (SELECT (SELECT records - embedded FROM "gf_lines_meters" WHERE file_index = 0) - (SELECT count(*) FROM "gf_raw_meters_0") - (SELECT count(*) FROM "gf_skip_meters_0") AS n) g WHERE g.n > 0) s CROSS JOIN (SELECT (SELECT max(line) FROM "gf_skip_meters_0" WHERE reason = 'malformed row: unterminated quote') AS at) a;

-- meters.convert
CREATE OR REPLACE TEMP TABLE "gf_conv_meters" AS
WITH src AS (
  SELECT 0 AS __file_index, (rowid + 2) AS __line, * FROM "gf_raw_meters_0"
),
l0 AS (SELECT src.* FROM src),
l1 AS (SELECT *, 'UTILITY2' AS "r.utility_id", "meter_id" AS "r.meter_id", "meter_number" AS "r.serial_number", "meter_type" AS "r.meter_type", "meter_status" AS "r.meter_status", "premise_id" AS "r.service_point_id", "installed_at" AS "r.installed_at", "removed_at" AS "r.removed_at", "created" AS "r.created_at", "updated" AS "r.updated_at" FROM l0),
l1b AS (SELECT *, "r.utility_id" AS "t.utility_id", "r.meter_id" AS "t.meter_id", "r.serial_number" AS "t.serial_number", "r.meter_type" AS "t.meter_type", "r.meter_status" AS "t.meter_status", "r.service_point_id" AS "t.service_point_id", "r.installed_at" AS "t.installed_at", "r.removed_at" AS "t.removed_at", "r.created_at" AS "t.created_at", "r.updated_at" AS "t.updated_at" FROM l1),
l1c AS (SELECT *, regexp_matches("t.installed_at", '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$') AS "s.installed_at", regexp_matches("t.removed_at", '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$') AS "s.removed_at", regexp_matches("t.created_at", '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$') AS "s.created_at", regexp_matches("t.updated_at", '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$') AS "s.updated_at" FROM l1b),
l2 AS (SELECT *, CASE WHEN "s.installed_at" THEN NULL WHEN regexp_matches("t.installed_at", '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$') THEN TRY_CAST("t.installed_at" AS TIMESTAMP) END AS "l.installed_at", CASE WHEN "s.removed_at" THEN NULL WHEN regexp_matches("t.removed_at", '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$') THEN TRY_CAST("t.removed_at" AS TIMESTAMP) END AS "l.removed_at", CASE WHEN "s.created_at" THEN NULL WHEN regexp_matches("t.created_at", '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$') THEN TRY_CAST("t.created_at" AS TIMESTAMP) END AS "l.created_at", CASE WHEN "s.updated_at" THEN NULL WHEN regexp_matches("t.updated_at", '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$') THEN TRY_CAST("t.updated_at" AS TIMESTAMP) END AS "l.updated_at" FROM l1c),
l3 AS (SELECT *, "t.utility_id" AS "v.utility_id", "t.meter_id" AS "v.meter_id", "t.serial_number" AS "v.serial_number", "t.meter_type" AS "v.meter_type", "t.meter_status" AS "v.meter_status", "t.service_point_id" AS "v.service_point_id", CASE WHEN "s.installed_at" THEN TRY_CAST("t.installed_at" AS TIMESTAMPTZ) WHEN regexp_matches("t.installed_at", '[T ]\d{2}(:\d{2}){0,2}(\.\d+)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)$') THEN TRY_CAST("t.installed_at" AS TIMESTAMPTZ) ELSE CASE WHEN (("l.installed_at" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.installed_at" THEN NULL WHEN ((("l.installed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.installed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.installed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.installed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.installed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York') = "l.installed_at" THEN (("l.installed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.installed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.installed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.installed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.installed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) ELSE ("l.installed_at" AT TIME ZONE 'America/New_York') END END AS "v.installed_at", CASE WHEN "s.removed_at" THEN TRY_CAST("t.removed_at" AS TIMESTAMPTZ) WHEN regexp_matches("t.removed_at", '[T ]\d{2}(:\d{2}){0,2}(\.\d+)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)$') THEN TRY_CAST("t.removed_at" AS TIMESTAMPTZ) ELSE CASE WHEN (("l.removed_at" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.removed_at" THEN NULL WHEN ((("l.removed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.removed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.removed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.removed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.removed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York') = "l.removed_at" THEN (("l.removed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.removed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.removed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.removed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.removed_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) ELSE ("l.removed_at" AT TIME ZONE 'America/New_York') END END AS "v.removed_at", CASE WHEN "s.created_at" THEN TRY_CAST("t.created_at" AS TIMESTAMPTZ) WHEN regexp_matches("t.created_at", '[T ]\d{2}(:\d{2}){0,2}(\.\d+)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)$') THEN TRY_CAST("t.created_at" AS TIMESTAMPTZ) ELSE CASE WHEN (("l.created_at" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.created_at" THEN NULL WHEN ((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York') = "l.created_at" THEN (("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.created_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) ELSE ("l.created_at" AT TIME ZONE 'America/New_York') END END AS "v.created_at", CASE WHEN "s.updated_at" THEN TRY_CAST("t.updated_at" AS TIMESTAMPTZ) WHEN regexp_matches("t.updated_at", '[T ]\d{2}(:\d{2}){0,2}(\.\d+)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)$') THEN TRY_CAST("t.updated_at" AS TIMESTAMPTZ) ELSE CASE WHEN (("l.updated_at" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.updated_at" THEN NULL WHEN ((("l.updated_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.updated_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.updated_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.updated_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.updated_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York') = "l.updated_at" THEN (("l.updated_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.updated_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.updated_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.updated_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.updated_at" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) ELSE ("l.updated_at" AT TIME ZONE 'America/New_York') END END AS "v.updated_at" FROM l2),
checked AS (SELECT *, COALESCE(CASE WHEN "v.utility_id" IS NULL THEN 'utility_id: missing required value' END,
    CASE WHEN "v.meter_id" IS NULL THEN 'meter_id: missing required value' END,
    CASE WHEN "l.installed_at" IS NOT NULL AND ((("l.installed_at" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.installed_at") THEN 'installed_at: local time does not exist in America/New_York (skipped by DST)' END,
    CASE WHEN "t.installed_at" IS NOT NULL AND "v.installed_at" IS NULL AND "l.installed_at" IS NULL THEN 'installed_at: not a valid timestamp (iso8601)' END,
    CASE WHEN "l.removed_at" IS NOT NULL AND ((("l.removed_at" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.removed_at") THEN 'removed_at: local time does not exist in America/New_York (skipped by DST)' END,
    CASE WHEN "t.removed_at" IS NOT NULL AND "v.removed_at" IS NULL AND "l.removed_at" IS NULL THEN 'removed_at: not a valid timestamp (iso8601)' END,
    CASE WHEN "l.created_at" IS NOT NULL AND ((("l.created_at" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.created_at") THEN 'created_at: local time does not exist in America/New_York (skipped by DST)' END,
    CASE WHEN "t.created_at" IS NOT NULL AND "v.created_at" IS NULL AND "l.created_at" IS NULL THEN 'created_at: not a valid timestamp (iso8601)' END,
    CASE WHEN "l.updated_at" IS NOT NULL AND ((("l.updated_at" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.updated_at") THEN 'updated_at: local time does not exist in America/New_York (skipped by DST)' END,
    CASE WHEN "t.updated_at" IS NOT NULL AND "v.updated_at" IS NULL AND "l.updated_at" IS NULL THEN 'updated_at: not a valid timestamp (iso8601)' END) AS __reason FROM l3)
SELECT __file_index, __line, __reason,
  CASE WHEN __reason IS NOT NULL THEN to_json({'premise_id': "premise_id", 'meter_id': "meter_id", 'meter_number': "meter_number", 'meter_type': "meter_type", 'meter_status': "meter_status", 'meter_channel': "meter_channel", 'installed_at': "installed_at", 'removed_at': "removed_at", 'created': "created", 'updated': "updated"}) END AS __record,
  CASE WHEN __reason IS NULL THEN TRUE ELSE FALSE END AS __keep,
  "v.utility_id" AS "utility_id",
  "v.meter_id" AS "meter_id",
  "v.serial_number" AS "serial_number",
  "v.meter_type" AS "meter_type",
  "v.meter_status" AS "meter_status",
  "v.service_point_id" AS "service_point_id",
  "v.installed_at" AS "installed_at",
  "v.removed_at" AS "removed_at",
  "v.created_at" AS "created_at",
  "v.updated_at" AS "updated_at"
FROM checked;

-- meters.drop-raw.0
DROP TABLE IF EXISTS "gf_raw_meters_0";

-- meters.fix-spans.0
UPDATE "gf_conv_meters" AS c SET __line = c.__line + (SELECT COALESCE(sum(k), 0) FROM "gf_span_meters_0" s WHERE s.line < c.__line) WHERE c.__file_index = 0;

-- meters.fix-lines.0
UPDATE "gf_conv_meters" AS c SET __line = c.__line + (SELECT count(*) FROM (SELECT line - row_number() OVER (ORDER BY line) AS x FROM (SELECT line FROM "gf_skip_meters_0" WHERE line IS NOT NULL UNION SELECT line FROM "gf_notable_meters" WHERE file_index = 0 AND kind = 'blank')) e WHERE e.x <= c.__line - 1)
WHERE c.__file_index = 0;

-- meters.too-many-columns.0
UPDATE "gf_conv_meters" AS c SET __reason = 'malformed row: too many columns', __keep = FALSE, __record = to_json({'csv_line': n.text})
FROM "gf_notable_meters" n WHERE n.file_index = 0 AND n.kind = 'wide' AND c.__file_index = 0 AND c.__line = n.line;

-- meters.rejects
CREATE OR REPLACE TEMP TABLE "gf_rej_meters" AS
SELECT 'UTILITY2' AS utility_id, 'meters' AS "table", 'data/raw/utility2/utility2_meters.csv' AS source_file, __line AS source_line, __reason AS reason, __record AS record FROM "gf_conv_meters" WHERE __reason IS NOT NULL
UNION ALL
SELECT 'UTILITY2', 'meters', 'data/raw/utility2/utility2_meters.csv', line, reason, record FROM "gf_skip_meters_0";

-- meters.history
CREATE OR REPLACE TEMP TABLE "gf_hist_meters" AS SELECT * FROM "gf_conv_meters" WHERE __keep;

-- meters.dedupe-repeated
CREATE OR REPLACE TEMP TABLE "gf_rep_meters" AS
SELECT g."meter_id", count(*) AS __n, max(COALESCE(g."installed_at", CAST('-infinity' AS TIMESTAMPTZ))) AS __best FROM (SELECT * FROM "gf_conv_meters" WHERE __keep) g GROUP BY g."meter_id" HAVING count(*) > 1;

-- meters.standardize
CREATE OR REPLACE TEMP TABLE "gf_std_meters" AS
SELECT b."utility_id",
  b."meter_id",
  b."serial_number",
  b."meter_type",
  b."meter_status",
  CAST(NULL AS VARCHAR) AS "meter_category",
  CAST(NULL AS VARCHAR) AS "customer_class",
  b."service_point_id",
  b."installed_at",
  b."removed_at",
  b."created_at",
  b."updated_at",
  'data/raw/utility2/utility2_meters.csv' AS source_file,
  b.__line AS source_line
FROM (SELECT k.* FROM (SELECT * FROM "gf_conv_meters" WHERE __keep) k LEFT JOIN (SELECT k."meter_id", max((k.__file_index * 1099511627776 + k.__line)) AS __winner FROM (SELECT * FROM "gf_conv_meters" WHERE __keep) k JOIN "gf_rep_meters" b ON b."meter_id" IS NOT DISTINCT FROM k."meter_id" AND COALESCE(k."installed_at", CAST('-infinity' AS TIMESTAMPTZ)) = b.__best GROUP BY k."meter_id") w ON w."meter_id" IS NOT DISTINCT FROM k."meter_id" WHERE w.__winner IS NULL OR (k.__file_index * 1099511627776 + k.__line) = w.__winner) b;

-- intervals.read.0
CREATE OR REPLACE TEMP TABLE "gf_raw_intervals_0" AS SELECT * FROM read_csv('<repo>/data/raw/utility2/utility2_intervals.csv', columns = {'channel': 'VARCHAR', 'duration': 'VARCHAR', 'meter_id': 'VARCHAR', 'quality': 'VARCHAR', 'timestamp': 'VARCHAR', 'value': 'VARCHAR'}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', encoding = 'utf-8', nullstr = [''], max_line_size = 2000000, store_rejects = true, rejects_table = 'gf_csverr_intervals_0', rejects_scan = 'gf_csverr_intervals_0_scan');

-- intervals.skip.0
CREATE OR REPLACE TEMP TABLE "gf_skip_intervals_0" AS
SELECT CAST(line AS BIGINT) AS line, CASE WHEN min(error_message) LIKE '%unterminated quote%' THEN 'malformed row: unterminated quote' ELSE 'malformed row: ' || lower(min(error_type)) END AS reason, to_json({'csv_line': trim(min(csv_line), chr(13) || chr(10))}) AS record, FALSE AS lost
FROM "gf_csverr_intervals_0" GROUP BY line;
CREATE OR REPLACE TEMP TABLE "gf_span_intervals_0" (line BIGINT, k BIGINT);

-- intervals.lost.0
INSERT INTO "gf_span_intervals_0" SELECT * FROM (SELECT (rowid + 2) AS line, length(concat_ws('', "channel", "duration", "meter_id", "quality", "timestamp", "value")) - length(replace(concat_ws('', "channel", "duration", "meter_id", "quality", "timestamp", "value"), chr(10), '')) AS k FROM "gf_raw_intervals_0") WHERE k > 0;
UPDATE "gf_lines_intervals" SET embedded = (SELECT COALESCE(sum(k), 0) FROM "gf_span_intervals_0") WHERE file_index = 0;
INSERT INTO "gf_skip_intervals_0" SELECT line, 'malformed row: line size over maximum', NULL, FALSE FROM "gf_notable_intervals" WHERE file_index = 0 AND kind = 'long' AND line NOT IN (SELECT line FROM "gf_skip_intervals_0");
INSERT INTO "gf_skip_intervals_0" SELECT a.at + s.k, CASE WHEN a.at IS NULL THEN 'malformed row: not read by the CSV reader' ELSE 'malformed row: inside the unterminated quote opened at line ' || CAST(a.at AS VARCHAR) END, NULL, TRUE
FROM (SELECT unnest(generate_series(1, g.n)) AS k FROM (SELECT (SELECT records - embedded FROM "gf_lines_intervals" WHERE file_index = 0) - (SELECT count(*) FROM "gf_raw_intervals_0") - (SELECT count(*) FROM "gf_skip_intervals_0") AS n) g WHERE g.n > 0) s CROSS JOIN (SELECT (SELECT max(line) FROM "gf_skip_intervals_0" WHERE reason = 'malformed row: unterminated quote') AS at) a;

-- intervals.convert
CREATE OR REPLACE TEMP TABLE "gf_conv_intervals" AS
WITH src AS (
  SELECT 0 AS __file_index, (rowid + 2) AS __line, * FROM "gf_raw_intervals_0"
),
dict0_0 AS (SELECT DISTINCT "timestamp" FROM (SELECT * FROM "gf_raw_intervals_0")),
dict0_1 AS (SELECT *, "timestamp" AS "r.interval_start_ts" FROM dict0_0),
dict0_1b AS (SELECT *, "r.interval_start_ts" AS "t.interval_start_ts" FROM dict0_1),
dict0_2 AS (SELECT *, CASE WHEN regexp_matches("t.interval_start_ts", '^\d{4}\d{2}\d{2}$') THEN try_strptime("t.interval_start_ts", '%Y%m%d') END AS "l.interval_start_ts" FROM dict0_1b),
dict0_3 AS (SELECT *, CASE WHEN (("l.interval_start_ts" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.interval_start_ts" THEN NULL WHEN ((("l.interval_start_ts" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.interval_start_ts" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.interval_start_ts" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.interval_start_ts" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.interval_start_ts" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York') = "l.interval_start_ts" THEN (("l.interval_start_ts" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((("l.interval_start_ts" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.interval_start_ts" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((("l.interval_start_ts" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((("l.interval_start_ts" AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) ELSE ("l.interval_start_ts" AT TIME ZONE 'America/New_York') END AS "v.interval_start_ts" FROM dict0_2),
dict0 AS (SELECT "timestamp", "v.interval_start_ts", COALESCE(CASE WHEN "l.interval_start_ts" IS NOT NULL AND ((("l.interval_start_ts" AT TIME ZONE 'America/New_York') AT TIME ZONE 'America/New_York') <> "l.interval_start_ts") THEN 'interval_start_ts: local time does not exist in America/New_York (skipped by DST)' END, CASE WHEN "t.interval_start_ts" IS NOT NULL AND "v.interval_start_ts" IS NULL AND "l.interval_start_ts" IS NULL THEN 'interval_start_ts: not a valid timestamp (%Y%m%d)' END, CASE WHEN "v.interval_start_ts" IS NULL THEN 'interval_start_ts: missing required value' END) AS "w.interval_start_ts" FROM dict0_3),
l0 AS (SELECT src.*, dict0."v.interval_start_ts", dict0."w.interval_start_ts" FROM src LEFT JOIN dict0 ON dict0."timestamp" IS NOT DISTINCT FROM src."timestamp"),
l1 AS (SELECT *, 'UTILITY2' AS "r.utility_id", "meter_id" AS "r.meter_id", '86400' AS "r.duration_seconds", "value" AS "r.value", 'unknown' AS "r.unit", 'unknown' AS "r.direction", "channel" AS "r.channel", "channel" AS "r.channel_raw", 'unknown' AS "r.quality", "quality" AS "r.quality_raw" FROM l0),
l1b AS (SELECT *, "r.utility_id" AS "t.utility_id", "r.meter_id" AS "t.meter_id", "r.duration_seconds" AS "t.duration_seconds", "r.value" AS "t.value", "r.unit" AS "t.unit", "r.direction" AS "t.direction", "r.channel" AS "t.channel", "r.channel_raw" AS "t.channel_raw", "r.quality" AS "t.quality", "r.quality_raw" AS "t.quality_raw" FROM l1),
l2 AS (SELECT *, TRY_CAST("t.duration_seconds" AS BIGINT) AS "l.duration_seconds", TRY_CAST("t.value" AS DOUBLE) AS "l.value" FROM l1b),
l3 AS (SELECT *, "t.utility_id" AS "v.utility_id", "t.meter_id" AS "v.meter_id", CASE WHEN CAST("l.duration_seconds" AS VARCHAR) = "t.duration_seconds" OR regexp_matches("t.duration_seconds", '^\s*[+-]?\d+(\.0*)?\s*$') THEN "l.duration_seconds" END AS "v.duration_seconds", CASE WHEN abs("l.value") < 1e29 THEN "l.value" END AS "v.value", "t.unit" AS "v.unit", "t.direction" AS "v.direction", "t.channel" AS "v.channel", "t.channel_raw" AS "v.channel_raw", "t.quality" AS "v.quality", "t.quality_raw" AS "v.quality_raw" FROM l2),
checked AS (SELECT *, COALESCE(CASE WHEN "v.utility_id" IS NULL THEN 'utility_id: missing required value' END,
    CASE WHEN "v.meter_id" IS NULL THEN 'meter_id: missing required value' END,
    "w.interval_start_ts",
    CASE WHEN "t.duration_seconds" IS NOT NULL AND "v.duration_seconds" IS NULL THEN 'duration_seconds: not a valid bigint' END,
    CASE WHEN "v.duration_seconds" IS NULL THEN 'duration_seconds: missing required value' END,
    CASE WHEN "t.value" IS NOT NULL AND "l.value" IS NULL THEN 'value: not a valid double' END,
    CASE WHEN "l.value" IS NOT NULL AND NOT (abs("l.value") < CAST('infinity' AS DOUBLE)) THEN 'value: not a finite number' END,
    CASE WHEN "l.value" IS NOT NULL AND "v.value" IS NULL THEN 'value: out of range (|value| ≥ 1e29)' END,
    CASE WHEN "v.value" IS NULL THEN 'value: missing required value' END,
    CASE WHEN "v.unit" IS NULL THEN 'unit: missing required value' END) AS __reason FROM l3)
SELECT __file_index, __line, __reason,
  CASE WHEN __reason IS NOT NULL THEN to_json({'channel': "channel", 'duration': "duration", 'meter_id': "meter_id", 'quality': "quality", 'timestamp': "timestamp", 'value': "value"}) END AS __record,
  CASE WHEN __reason IS NULL THEN TRUE ELSE FALSE END AS __keep,
  "v.utility_id" AS "utility_id",
  "v.meter_id" AS "meter_id",
  "v.interval_start_ts" AS "interval_start_ts",
  "v.duration_seconds" AS "duration_seconds",
  "v.value" AS "value",
  "v.unit" AS "unit",
  "v.direction" AS "direction",
  "v.channel" AS "channel",
  "v.channel_raw" AS "channel_raw",
  "v.quality" AS "quality",
  "v.quality_raw" AS "quality_raw",
  ("v.interval_start_ts" + to_microseconds(CAST(round(CAST("v.duration_seconds" AS DOUBLE) * 1000000.0) AS BIGINT))) AS "interval_end_ts"
FROM checked;

-- intervals.drop-raw.0
DROP TABLE IF EXISTS "gf_raw_intervals_0";

-- intervals.fix-spans.0
UPDATE "gf_conv_intervals" AS c SET __line = c.__line + (SELECT COALESCE(sum(k), 0) FROM "gf_span_intervals_0" s WHERE s.line < c.__line) WHERE c.__file_index = 0;

-- intervals.fix-lines.0
UPDATE "gf_conv_intervals" AS c SET __line = c.__line + (SELECT count(*) FROM (SELECT line - row_number() OVER (ORDER BY line) AS x FROM (SELECT line FROM "gf_skip_intervals_0" WHERE line IS NOT NULL UNION SELECT line FROM "gf_notable_intervals" WHERE file_index = 0 AND kind = 'blank')) e WHERE e.x <= c.__line - 1)
WHERE c.__file_index = 0;

-- intervals.too-many-columns.0
UPDATE "gf_conv_intervals" AS c SET __reason = 'malformed row: too many columns', __keep = FALSE, __record = to_json({'csv_line': n.text})
FROM "gf_notable_intervals" n WHERE n.file_index = 0 AND n.kind = 'wide' AND c.__file_index = 0 AND c.__line = n.line;

-- intervals.rejects
CREATE OR REPLACE TEMP TABLE "gf_rej_intervals" AS
SELECT 'UTILITY2' AS utility_id, 'intervals' AS "table", 'data/raw/utility2/utility2_intervals.csv' AS source_file, __line AS source_line, __reason AS reason, __record AS record FROM "gf_conv_intervals" WHERE __reason IS NOT NULL
UNION ALL
SELECT 'UTILITY2', 'intervals', 'data/raw/utility2/utility2_intervals.csv', line, reason, record FROM "gf_skip_intervals_0";

-- intervals.dedupe-repeated
CREATE OR REPLACE TEMP TABLE "gf_rep_intervals" AS
SELECT g."meter_id", g."channel_raw", g."interval_start_ts", count(*) AS __n, max((g.__file_index * 1099511627776 + g.__line)) AS __winner, (min(g."value") IS DISTINCT FROM max(g."value") OR count(g."value") NOT IN (0, count(*)) OR min(CASE WHEN g."value" = 0 THEN CAST(g."value" AS VARCHAR) END) IS DISTINCT FROM max(CASE WHEN g."value" = 0 THEN CAST(g."value" AS VARCHAR) END)) OR (min(g."quality_raw") IS DISTINCT FROM max(g."quality_raw") OR count(g."quality_raw") NOT IN (0, count(*))) AS __conflict FROM (SELECT * FROM "gf_conv_intervals" WHERE __keep) g GROUP BY g."meter_id", g."channel_raw", g."interval_start_ts" HAVING count(*) > 1;

-- intervals.standardize
CREATE OR REPLACE TEMP TABLE "gf_std_intervals" AS
SELECT b."utility_id",
  j0_0."service_point_id" AS "service_point_id",
  b."meter_id",
  b."interval_start_ts",
  b."interval_end_ts",
  b."duration_seconds",
  b."value",
  b."unit",
  b."direction",
  b."quality",
  b."quality_raw",
  b."channel",
  b."channel_raw",
  CAST(NULL AS TIMESTAMPTZ) AS "last_update_ts",
  'data/raw/utility2/utility2_intervals.csv' AS source_file,
  b.__line AS source_line,
  (j0_0.__found IS NOT NULL) AS "__found_service_point_id"
FROM (SELECT k.* FROM (SELECT * FROM "gf_conv_intervals" WHERE __keep) k LEFT JOIN "gf_rep_intervals" r ON r."meter_id" IS NOT DISTINCT FROM k."meter_id" AND r."channel_raw" IS NOT DISTINCT FROM k."channel_raw" AND r."interval_start_ts" IS NOT DISTINCT FROM k."interval_start_ts" WHERE r.__n IS NULL OR (NOT r.__conflict AND (k.__file_index * 1099511627776 + k.__line) = r.__winner)) b
LEFT JOIN (SELECT *, COALESCE(__from, CAST('-infinity' AS TIMESTAMPTZ)) AS __from_bound, TRUE AS __found, COALESCE(CASE WHEN __next IS NULL THEN __until WHEN __until IS NULL OR __next < __until THEN __next ELSE __until END, CAST('infinity' AS TIMESTAMPTZ)) AS __to FROM (SELECT *, lead(__from) OVER (PARTITION BY "meter_id" ORDER BY __from ASC NULLS FIRST) AS __next FROM (SELECT *, "installed_at" AS __from, "removed_at" AS __until FROM "gf_hist_meters" QUALIFY row_number() OVER (PARTITION BY "meter_id", "installed_at" ORDER BY __file_index DESC, __line DESC) = 1))) j0_0 ON j0_0."meter_id" = b."meter_id" AND b."interval_start_ts" >= j0_0.__from_bound AND b."interval_start_ts" < j0_0.__to;

-- meters.periods
CREATE OR REPLACE TEMP TABLE "gf_meter_periods" AS SELECT "meter_id", "serial_number", "meter_type", "meter_status", CAST(NULL AS VARCHAR) AS "meter_category", CAST(NULL AS VARCHAR) AS "customer_class", "service_point_id", "installed_at", "removed_at", "created_at", "updated_at", __from_bound, __to FROM (SELECT *, COALESCE(__from, CAST('-infinity' AS TIMESTAMPTZ)) AS __from_bound, TRUE AS __found, COALESCE(CASE WHEN __next IS NULL THEN __until WHEN __until IS NULL OR __next < __until THEN __next ELSE __until END, CAST('infinity' AS TIMESTAMPTZ)) AS __to FROM (SELECT *, lead(__from) OVER (PARTITION BY "meter_id" ORDER BY __from ASC NULLS FIRST) AS __next FROM (SELECT *, "installed_at" AS __from, "removed_at" AS __until FROM "gf_hist_meters" QUALIFY row_number() OVER (PARTITION BY "meter_id", "installed_at" ORDER BY __file_index DESC, __line DESC) = 1))) ORDER BY meter_id, __from_bound;

-- usage_interval.months
CREATE OR REPLACE TEMP TABLE "gf_usage_months" AS
SELECT ts, strftime((ts AT TIME ZONE 'America/New_York'), '%Y-%m') AS __month FROM (SELECT DISTINCT interval_start_ts AS ts FROM "gf_std_intervals");

-- usage_interval.build
CREATE OR REPLACE TEMP VIEW "gf_usage_interval" AS
SELECT i."utility_id" AS "utility_id",
  i."service_point_id" AS "service_point_id",
  i."meter_id" AS "meter_id",
  i."interval_start_ts" AS "interval_start_ts",
  i."interval_end_ts" AS "interval_end_ts",
  i."value" AS "value",
  i."duration_seconds" AS "duration_seconds",
  i."unit" AS "unit",
  i."direction" AS "direction",
  i."channel" AS "channel",
  i."channel_raw" AS "channel_raw",
  i."quality" AS "quality",
  i."quality_raw" AS "quality_raw",
  i."last_update_ts" AS "last_update_ts",
  (m.meter_id IS NOT NULL) AS meter_known,
  (s.service_point_id IS NOT NULL) AS service_point_known,
  mp."serial_number" AS "serial_number",
  mp."meter_type" AS "meter_type",
  mp."meter_status" AS "meter_status",
  mp."meter_category" AS "meter_category",
  mp."customer_class" AS "customer_class",
  s."service_point_number" AS "service_point_number",
  s."house_num" AS "house_num",
  s."street" AS "street",
  s."house_supp" AS "house_supp",
  s."city" AS "city",
  s."zip" AS "zip",
  s."state" AS "state",
  i."source_file" AS "source_file",
  i."source_line" AS "source_line",
  mo.__month
FROM "gf_std_intervals" i
LEFT JOIN (SELECT * FROM "gf_std_meters" QUALIFY row_number() OVER (PARTITION BY utility_id, "meter_id" ORDER BY source_file DESC, source_line DESC) = 1) m ON m.utility_id = i.utility_id AND m.meter_id = i.meter_id
LEFT JOIN "gf_meter_periods" mp ON mp.meter_id = i.meter_id AND i.interval_start_ts >= mp.__from_bound AND i.interval_start_ts < mp.__to
LEFT JOIN (SELECT * FROM "gf_std_service_points" QUALIFY row_number() OVER (PARTITION BY utility_id, "service_point_id" ORDER BY source_file DESC, source_line DESC) = 1) s ON s.utility_id = i.utility_id AND s.service_point_id = i.service_point_id
LEFT JOIN "gf_usage_months" mo ON mo.ts = i.interval_start_ts;

-- usage_interval.pseudonyms
CREATE OR REPLACE TEMP TABLE "gf_pseudonyms" AS
SELECT v AS __id, sha256(unhex('3b33303839327128392f2871373925713b33303839327128392f2871373925716c6d6e6f5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c') || unhex(sha256(unhex('51595a5253581b425345421b5d534f1b51595a5253581b425345421b5d534f1b0607040536363636363636363636363636363636363636363636363636363636') || encode(CAST(v AS VARCHAR))))) AS __pseudonym
FROM (SELECT DISTINCT v FROM (SELECT CAST("meter_id" AS VARCHAR) AS v FROM "gf_std_meters" WHERE "meter_id" IS NOT NULL
UNION ALL SELECT CAST("serial_number" AS VARCHAR) AS v FROM "gf_std_meters" WHERE "serial_number" IS NOT NULL
UNION ALL SELECT CAST("service_point_id" AS VARCHAR) AS v FROM "gf_std_meters" WHERE "service_point_id" IS NOT NULL
UNION ALL SELECT CAST("service_point_id" AS VARCHAR) AS v FROM "gf_std_service_points" WHERE "service_point_id" IS NOT NULL
UNION ALL SELECT CAST("service_point_number" AS VARCHAR) AS v FROM "gf_std_service_points" WHERE "service_point_number" IS NOT NULL));

-- experience.bounds
CREATE OR REPLACE TEMP TABLE "gf_experience_bounds" AS
SELECT ts, day_start, day_end, month_start, month_end, day_start AS bucket_start, day_end AS bucket_end
FROM (
  SELECT ts, CASE WHEN (((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York') = date_trunc('day', (ts AT TIME ZONE 'America/New_York')) THEN ((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) ELSE (date_trunc('day', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') END AS day_start, CASE WHEN ((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York') = (date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) THEN (((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) ELSE ((date_trunc('day', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 DAY) AT TIME ZONE 'America/New_York') END AS day_end, CASE WHEN (((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York') = date_trunc('month', (ts AT TIME ZONE 'America/New_York')) THEN ((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) ELSE (date_trunc('month', (ts AT TIME ZONE 'America/New_York')) AT TIME ZONE 'America/New_York') END AS month_start, CASE WHEN ((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York') = (date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) THEN (((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-abs((epoch(((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC'))) - (epoch(((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'America/New_York')) - epoch(((((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) AT TIME ZONE 'America/New_York') + to_microseconds(CAST(round(CAST(-86400 AS DOUBLE) * 1000000.0) AS BIGINT))) AT TIME ZONE 'UTC')))) AS DOUBLE) * 1000000.0) AS BIGINT))) ELSE ((date_trunc('month', (ts AT TIME ZONE 'America/New_York')) + INTERVAL 1 MONTH) AT TIME ZONE 'America/New_York') END AS month_end
  FROM (SELECT DISTINCT interval_start_ts AS ts FROM "gf_std_intervals" WHERE service_point_id IS NOT NULL) t
) c;

-- experience.reads
CREATE OR REPLACE TEMP TABLE "gf_usage_placed_reads" AS
SELECT utility_id, zip, city, COALESCE(customer_class, 'unknown') AS customer_class, unit,
  COALESCE(direction, 'unknown') AS direction, CASE WHEN unit = 'unknown' THEN channel_raw END AS channel_raw, service_point_id,
  interval_start_ts AS ts, duration_seconds, value, quality = 'missing' AS missing
FROM "gf_usage_interval"
WHERE service_point_id IS NOT NULL;

-- experience.class-per-ts
CREATE OR REPLACE TEMP TABLE "gf_usage_class_per_ts" AS
SELECT a.utility_id, a.zip, a.city, s.customer_class, s.unit, s.direction, s.channel_raw, s.service_point_id, s.ts, s.duration_seconds, s.value, s.missing
FROM (SELECT customer_class, unit, direction, channel_raw, service_point_id, ts, min(duration_seconds) AS duration_seconds, sum(CAST(value AS DECIMAL(38, 9))) AS value,
    COALESCE(bool_or(missing), FALSE) AS missing
  FROM "gf_usage_placed_reads"
  GROUP BY customer_class, unit, direction, channel_raw, service_point_id, ts) s
JOIN (SELECT DISTINCT utility_id, zip, city, service_point_id FROM "gf_usage_placed_reads") a ON a.service_point_id = s.service_point_id;

-- experience.drop-reads
DROP TABLE IF EXISTS "gf_usage_placed_reads";

-- usage_daily.per-ts
CREATE OR REPLACE TEMP TABLE "gf_usage_per_ts" AS
SELECT p.*, b.bucket_start, b.bucket_end
FROM (
  SELECT utility_id, service_point_id, unit, direction, channel_raw, ts, min(duration_seconds) AS duration_seconds, CAST(sum(value) AS DOUBLE) AS value,
    bool_or(missing) AS missing
  FROM "gf_usage_class_per_ts"
  GROUP BY utility_id, service_point_id, unit, direction, channel_raw, ts
) p
JOIN "gf_experience_bounds" b ON b.ts = p.ts;

-- usage_daily.build
CREATE OR REPLACE TEMP TABLE "gf_usage_bucket" AS
WITH agg AS (
  SELECT utility_id, service_point_id, bucket_start, bucket_end, unit, direction, channel_raw,
    min(duration_seconds) AS interval_seconds,
    CAST(sum(CAST(value AS DECIMAL(38, 9))) AS DOUBLE) AS total_usage,
    count(*) AS interval_count,
    count(*) FILTER (WHERE missing) AS missing_count,
    max(value) FILTER (WHERE NOT missing) AS peak_usage_value,
    arg_min(ts, (-value, ts)) FILTER (WHERE NOT missing) AS peak_usage_ts,
    min(value) FILTER (WHERE NOT missing) AS pit_usage_value,
    arg_min(ts, (value, ts)) FILTER (WHERE NOT missing) AS pit_usage_ts
  FROM "gf_usage_per_ts"
  GROUP BY utility_id, service_point_id, bucket_start, bucket_end, unit, direction, channel_raw
)
SELECT utility_id, service_point_id,
  CAST((bucket_start AT TIME ZONE 'America/New_York') AS DATE) AS local_date,
  'America/New_York' AS timezone, 'day' AS bucket,
  bucket_start, bucket_end, unit, direction, channel_raw, interval_seconds, total_usage, interval_count, missing_count,
  CAST(GREATEST(1, round((epoch(bucket_end) - epoch(bucket_start)) / interval_seconds)) AS BIGINT) AS expected_interval_count,
  interval_count / GREATEST(1, round((epoch(bucket_end) - epoch(bucket_start)) / interval_seconds)) AS completeness,
  peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts
FROM agg
ORDER BY service_point_id, bucket_start, unit, direction, channel_raw;

-- usage_daily.drop-per-ts
DROP TABLE IF EXISTS "gf_usage_per_ts";

-- usage_by_area.cells
CREATE OR REPLACE TEMP TABLE "gf_area_cells" AS
WITH days AS (
  SELECT DISTINCT day_start, day_end, month_start, month_end FROM "gf_experience_bounds"
),
customer_day_sums AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, b.day_start, service_point_id, sum(CAST(CAST(p.value AS DOUBLE) AS DECIMAL(38, 9))) AS usage
  FROM "gf_usage_class_per_ts" p
  JOIN "gf_experience_bounds" b ON b.ts = p.ts
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, customer_class, b.day_start, service_point_id
),
customer_days AS (
  SELECT c.*, y.day_end, y.month_start, y.month_end FROM customer_day_sums c JOIN days y ON y.day_start = c.day_start
),
class_customers AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, 'day' AS period, day_start AS period_start, day_end AS period_end,
    month_start, service_point_id, usage
  FROM customer_days
  UNION ALL
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, 'month', month_start, month_end, month_start, service_point_id, sum(usage)
  FROM customer_days
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start, month_end, service_point_id
),
customers AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, service_point_id, CAST(usage AS DOUBLE) AS usage FROM class_customers
  UNION ALL
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, 'all', period_end, month_start, service_point_id, CAST(sum(usage) AS DOUBLE)
  FROM class_customers
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, period, period_start, period_end, month_start, service_point_id
),
sizes AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, count(*) AS customer_count, CAST(sum(CAST(usage AS DECIMAL(38, 9))) AS DOUBLE) AS total_usage,
    max(abs(usage)) / NULLIF(sum(abs(usage)), 0) AS largest_share
  FROM customers
  GROUP BY utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start
),
class_loads AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, p.ts, sum(CAST(CAST(p.value AS DOUBLE) AS DECIMAL(38, 9))) AS load
  FROM "gf_usage_class_per_ts" p
  WHERE NOT missing
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, customer_class, p.ts
),
all_loads AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, ts, load FROM class_loads
  UNION ALL
  SELECT utility_id, zip, city, unit, direction, channel_raw, 'all', ts, sum(load) FROM class_loads
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, ts
),
day_extremes AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, customer_class, b.day_start, max(CAST(load AS DOUBLE)) AS peak_usage_value, arg_min(l.ts, (-CAST(load AS DOUBLE), l.ts)) AS peak_usage_ts, min(CAST(load AS DOUBLE)) AS pit_usage_value, arg_min(l.ts, (CAST(load AS DOUBLE), l.ts)) AS pit_usage_ts
  FROM all_loads l
  JOIN "gf_experience_bounds" b ON b.ts = l.ts
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, customer_class, b.day_start
),
extremes AS (
  SELECT utility_id, zip, city, unit, direction, channel_raw, 'day' AS period, day_start AS period_start, customer_class,
    peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts
  FROM day_extremes
  UNION ALL
  SELECT utility_id, zip, city, unit, direction, channel_raw, 'month', y.month_start, customer_class, max(peak_usage_value) AS peak_usage_value,
    arg_min(peak_usage_ts, (-peak_usage_value, peak_usage_ts)) AS peak_usage_ts,
    min(pit_usage_value) AS pit_usage_value, arg_min(pit_usage_ts, (pit_usage_value, pit_usage_ts)) AS pit_usage_ts
  FROM day_extremes e
  JOIN days y ON y.day_start = e.day_start
  GROUP BY utility_id, zip, city, unit, direction, channel_raw, y.month_start, customer_class
)
SELECT s.utility_id, s.zip, s.city, s.period, s.period_start, s.unit, s.direction, s.channel_raw, s.customer_class, s.period_end, s.month_start, s.customer_count, s.total_usage, s.largest_share, e.peak_usage_value, e.peak_usage_ts, e.pit_usage_value, e.pit_usage_ts
FROM sizes s
LEFT JOIN extremes e ON e.utility_id IS NOT DISTINCT FROM s.utility_id AND e.zip IS NOT DISTINCT FROM s.zip AND e.city IS NOT DISTINCT FROM s.city AND e.period IS NOT DISTINCT FROM s.period AND e.period_start IS NOT DISTINCT FROM s.period_start AND e.unit IS NOT DISTINCT FROM s.unit AND e.direction IS NOT DISTINCT FROM s.direction AND e.channel_raw IS NOT DISTINCT FROM s.channel_raw AND e.customer_class IS NOT DISTINCT FROM s.customer_class;

-- usage_by_area.screen
CREATE OR REPLACE TEMP TABLE "gf_area_screened" AS
SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppression_reason IS NOT NULL AS suppressed, suppression_reason
FROM (
  SELECT *, CASE
    WHEN min_customers IS NULL THEN 'no_screen_rule'
    WHEN customer_count < min_customers THEN 'too_few_customers'
    WHEN largest_share > max_share THEN 'dominant_customer'
  END AS suppression_reason
  FROM (SELECT *, CASE customer_class WHEN 'residential' THEN 15 WHEN 'small_commercial' THEN 6 WHEN 'all' THEN 15 END AS min_customers, CASE customer_class WHEN 'residential' THEN 0.15 WHEN 'small_commercial' THEN 0.4 WHEN 'all' THEN 0.15 END AS max_share FROM "gf_area_cells") r
) s;

-- usage_by_area.build
CREATE OR REPLACE TEMP TABLE "gf_usage_by_area" AS
WITH round1_time_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __open, max(CASE WHEN NOT suppressed AND period = 'month' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start ORDER BY CASE WHEN suppressed OR period = 'month' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM gf_area_screened
),
round1_time AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (period = 'month')) OR (__open = 0 AND period = 'month')) AS __fix FROM round1_time_counts) f
),
round1_class_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __open, max(CASE WHEN NOT suppressed AND customer_class = 'all' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start ORDER BY CASE WHEN suppressed OR customer_class = 'all' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM round1_time
),
round1_class AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (customer_class = 'all')) OR (__open = 0 AND customer_class = 'all')) AS __fix FROM round1_class_counts) f
),
round2_time_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __open, max(CASE WHEN NOT suppressed AND period = 'month' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start ORDER BY CASE WHEN suppressed OR period = 'month' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM round1_class
),
round2_time AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (period = 'month')) OR (__open = 0 AND period = 'month')) AS __fix FROM round2_time_counts) f
),
round2_class_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __open, max(CASE WHEN NOT suppressed AND customer_class = 'all' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start ORDER BY CASE WHEN suppressed OR customer_class = 'all' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM round2_time
),
round2_class AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (customer_class = 'all')) OR (__open = 0 AND customer_class = 'all')) AS __fix FROM round2_class_counts) f
),
round3_time_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __open, max(CASE WHEN NOT suppressed AND period = 'month' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start ORDER BY CASE WHEN suppressed OR period = 'month' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM round2_class
),
round3_time AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (period = 'month')) OR (__open = 0 AND period = 'month')) AS __fix FROM round3_time_counts) f
),
round3_class_counts AS (
  SELECT *, sum(CASE WHEN suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __hidden, sum(CASE WHEN NOT suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __open, max(CASE WHEN NOT suppressed AND customer_class = 'all' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) AS __total_open,
    row_number() OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start ORDER BY CASE WHEN suppressed OR customer_class = 'all' THEN 1 ELSE 0 END, abs(total_usage), customer_count, customer_class, period_start) AS __rank
  FROM round3_time
),
round3_class AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __fix AS suppressed, CASE WHEN __fix THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (SELECT *, __total_open = 1 AND __hidden = 1 AND NOT suppressed
      AND ((__open > 0 AND __rank = 1 AND NOT (customer_class = 'all')) OR (__open = 0 AND customer_class = 'all')) AS __fix FROM round3_class_counts) f
),
screened_open AS (
  SELECT *, CASE WHEN max(CASE WHEN NOT suppressed AND customer_class = 'all' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) = 1 AND sum(CASE WHEN suppressed AND NOT (customer_class = 'all') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, period, period_start) = 1 THEN 1 ELSE 0 END + CASE WHEN max(CASE WHEN NOT suppressed AND period = 'month' THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) = 1 AND sum(CASE WHEN suppressed AND NOT (period = 'month') THEN 1 ELSE 0 END) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw, customer_class, month_start) = 1 THEN 1 ELSE 0 END AS __recoverable FROM round3_class
),
screened AS (
  SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppressed OR __area_open AS suppressed, CASE WHEN __area_open THEN 'complementary' ELSE suppression_reason END AS suppression_reason
  FROM (
    SELECT *, NOT suppressed AND max(__recoverable) OVER (PARTITION BY utility_id, zip, city, unit, direction, channel_raw) > 0 AS __area_open
    FROM screened_open
  ) a
)
SELECT utility_id, zip, city, period, period_start, period_end,
  CAST((period_start AT TIME ZONE 'America/New_York') AS DATE) AS local_date, 'America/New_York' AS timezone,
  unit, direction, channel_raw, customer_class,
  CASE WHEN suppressed THEN NULL ELSE customer_count END AS customer_count,
  CASE WHEN suppressed THEN NULL ELSE total_usage END AS total_usage,
  CASE WHEN suppressed THEN NULL ELSE peak_usage_value END AS peak_usage_value,
  CASE WHEN suppressed THEN NULL ELSE peak_usage_ts END AS peak_usage_ts,
  CASE WHEN suppressed THEN NULL ELSE pit_usage_value END AS pit_usage_value,
  CASE WHEN suppressed THEN NULL ELSE pit_usage_ts END AS pit_usage_ts,
  suppressed, suppression_reason
FROM screened
ORDER BY zip, city, period, period_start, unit, direction, channel_raw, customer_class;

-- usage_by_area.drop-cells
DROP TABLE IF EXISTS "gf_usage_class_per_ts"; DROP TABLE IF EXISTS "gf_experience_bounds"; DROP TABLE IF EXISTS "gf_area_cells"; DROP TABLE IF EXISTS "gf_area_screened";

-- write standardized/service_points
COPY (SELECT * EXCLUDE ("utility_id") FROM (SELECT "utility_id", "service_point_id", "service_point_number", "status", "house_num", "street", "house_supp", "city", "zip", "state", "installed_at", "removed_at", "created_at", "updated_at", "source_file", "source_line" FROM "gf_std_service_points")) TO '<out>/.staging/standardized/service_points/utility_id=UTILITY2/data_0.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, WRITE_EMPTY_FILE false);

-- write internal/rejects/service_points
COPY (SELECT * EXCLUDE ("utility_id") FROM (SELECT * FROM "gf_rej_service_points")) TO '<out>/.staging/internal/rejects/service_points/utility_id=UTILITY2/data_0.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, WRITE_EMPTY_FILE false);

-- write standardized/meters
COPY (SELECT * EXCLUDE ("utility_id") FROM (SELECT "utility_id", "meter_id", "serial_number", "meter_type", "meter_status", "meter_category", "customer_class", "service_point_id", "installed_at", "removed_at", "created_at", "updated_at", "source_file", "source_line" FROM "gf_std_meters")) TO '<out>/.staging/standardized/meters/utility_id=UTILITY2/data_0.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, WRITE_EMPTY_FILE false);

-- write internal/rejects/meters
COPY (SELECT * EXCLUDE ("utility_id") FROM (SELECT * FROM "gf_rej_meters")) TO '<out>/.staging/internal/rejects/meters/utility_id=UTILITY2/data_0.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, WRITE_EMPTY_FILE false);

-- write standardized/intervals
COPY (SELECT * EXCLUDE ("utility_id") FROM (SELECT "utility_id", "service_point_id", "meter_id", "interval_start_ts", "interval_end_ts", "duration_seconds", "value", "unit", "direction", "quality", "quality_raw", "channel", "channel_raw", "last_update_ts", "source_file", "source_line" FROM "gf_std_intervals")) TO '<out>/.staging/standardized/intervals/utility_id=UTILITY2/data_0.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, WRITE_EMPTY_FILE false);

-- write internal/rejects/intervals
COPY (SELECT * EXCLUDE ("utility_id") FROM (SELECT * FROM "gf_rej_intervals"
UNION ALL
SELECT 'UTILITY2', 'intervals', 'data/raw/utility2/utility2_intervals.csv', h.__line, 'dedupe: the rows of this key disagree (keep: quarantine holds all of them back)', to_json({'utility_id': h."utility_id", 'meter_id': h."meter_id", 'interval_start_ts': h."interval_start_ts", 'duration_seconds': h."duration_seconds", 'value': h."value", 'unit': h."unit", 'direction': h."direction", 'channel': h."channel", 'channel_raw': h."channel_raw", 'quality': h."quality", 'quality_raw': h."quality_raw"}) FROM (SELECT h.* FROM (SELECT * FROM "gf_conv_intervals" WHERE __keep) h JOIN (SELECT * FROM "gf_rep_intervals" WHERE __conflict) c ON c."meter_id" IS NOT DISTINCT FROM h."meter_id" AND c."channel_raw" IS NOT DISTINCT FROM h."channel_raw" AND c."interval_start_ts" IS NOT DISTINCT FROM h."interval_start_ts") h)) TO '<out>/.staging/internal/rejects/intervals/utility_id=UTILITY2/data_0.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, WRITE_EMPTY_FILE false);

-- write product/usage_interval
COPY (SELECT * EXCLUDE ("utility_id") FROM (SELECT "utility_id", CASE WHEN "service_point_id" IS NULL THEN NULL WHEN "__p_service_point_id".__pseudonym IS NOT NULL THEN "__p_service_point_id".__pseudonym ELSE sha256(unhex('3b33303839327128392f2871373925713b33303839327128392f2871373925716c6d6e6f5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c') || unhex(sha256(unhex('51595a5253581b425345421b5d534f1b51595a5253581b425345421b5d534f1b0607040536363636363636363636363636363636363636363636363636363636') || encode(CAST("service_point_id" AS VARCHAR))))) END AS "service_point_id", CASE WHEN "meter_id" IS NULL THEN NULL WHEN "__p_meter_id".__pseudonym IS NOT NULL THEN "__p_meter_id".__pseudonym ELSE sha256(unhex('3b33303839327128392f2871373925713b33303839327128392f2871373925716c6d6e6f5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c') || unhex(sha256(unhex('51595a5253581b425345421b5d534f1b51595a5253581b425345421b5d534f1b0607040536363636363636363636363636363636363636363636363636363636') || encode(CAST("meter_id" AS VARCHAR))))) END AS "meter_id", "interval_start_ts", "interval_end_ts", "value", "duration_seconds", "unit", "direction", "channel", "channel_raw", "quality", "quality_raw", "last_update_ts", "meter_known", "service_point_known", CASE WHEN "serial_number" IS NULL THEN NULL WHEN "__p_serial_number".__pseudonym IS NOT NULL THEN "__p_serial_number".__pseudonym ELSE sha256(unhex('3b33303839327128392f2871373925713b33303839327128392f2871373925716c6d6e6f5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c') || unhex(sha256(unhex('51595a5253581b425345421b5d534f1b51595a5253581b425345421b5d534f1b0607040536363636363636363636363636363636363636363636363636363636') || encode(CAST("serial_number" AS VARCHAR))))) END AS "serial_number", "meter_type", "meter_status", "meter_category", "customer_class", CASE WHEN "service_point_number" IS NULL THEN NULL WHEN "__p_service_point_number".__pseudonym IS NOT NULL THEN "__p_service_point_number".__pseudonym ELSE sha256(unhex('3b33303839327128392f2871373925713b33303839327128392f2871373925716c6d6e6f5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c') || unhex(sha256(unhex('51595a5253581b425345421b5d534f1b51595a5253581b425345421b5d534f1b0607040536363636363636363636363636363636363636363636363636363636') || encode(CAST("service_point_number" AS VARCHAR))))) END AS "service_point_number", CASE WHEN "house_num" IS NULL THEN NULL ELSE '***' END AS "house_num", CASE WHEN "street" IS NULL THEN NULL ELSE '***' END AS "street", CASE WHEN "house_supp" IS NULL THEN NULL ELSE '***' END AS "house_supp", "city", substring("zip", 1, 3) AS "zip", "state", "source_file", "source_line", __month AS month FROM "gf_usage_interval"
LEFT JOIN "gf_pseudonyms" "__p_service_point_id" ON "__p_service_point_id".__id = CAST("service_point_id" AS VARCHAR)
LEFT JOIN "gf_pseudonyms" "__p_meter_id" ON "__p_meter_id".__id = CAST("meter_id" AS VARCHAR)
LEFT JOIN "gf_pseudonyms" "__p_serial_number" ON "__p_serial_number".__id = CAST("serial_number" AS VARCHAR)
LEFT JOIN "gf_pseudonyms" "__p_service_point_number" ON "__p_service_point_number".__id = CAST("service_point_number" AS VARCHAR))) TO '<out>/.staging/product/usage_interval/utility_id=UTILITY2' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY ("month"), OVERWRITE_OR_IGNORE);

-- write experience/usage_daily
COPY (SELECT * EXCLUDE ("utility_id") FROM (SELECT "utility_id", CASE WHEN "service_point_id" IS NULL THEN NULL ELSE sha256(unhex('3b33303839327128392f2871373925713b33303839327128392f2871373925716c6d6e6f5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c') || unhex(sha256(unhex('51595a5253581b425345421b5d534f1b51595a5253581b425345421b5d534f1b0607040536363636363636363636363636363636363636363636363636363636') || encode(CAST("service_point_id" AS VARCHAR))))) END AS "service_point_id", "local_date", "timezone", "bucket", "bucket_start", "bucket_end", "unit", "direction", "channel_raw", "interval_seconds", "total_usage", "interval_count", "missing_count", "expected_interval_count", "completeness", "peak_usage_value", "peak_usage_ts", "pit_usage_value", "pit_usage_ts", strftime(("bucket_start" AT TIME ZONE 'America/New_York'), '%Y-%m') AS month FROM "gf_usage_bucket")) TO '<out>/.staging/experience/usage_daily/utility_id=UTILITY2' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY ("month"), OVERWRITE_OR_IGNORE);

-- write experience/usage_by_area
COPY (SELECT * EXCLUDE ("utility_id") FROM (SELECT "utility_id", "zip", "city", "period", "period_start", "period_end", "local_date", "timezone", "unit", "direction", "channel_raw", "customer_class", "customer_count", "total_usage", "peak_usage_value", "peak_usage_ts", "pit_usage_value", "pit_usage_ts", "suppressed", "suppression_reason", strftime(("period_start" AT TIME ZONE 'America/New_York'), '%Y-%m') AS month FROM "gf_usage_by_area")) TO '<out>/.staging/experience/usage_by_area/utility_id=UTILITY2' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY ("month"), OVERWRITE_OR_IGNORE);

-- write internal/meter_periods
COPY (SELECT * EXCLUDE ("utility_id") FROM (SELECT "meter_id", "serial_number", "meter_type", "meter_status", "meter_category", "customer_class", CASE WHEN __from_bound = CAST('-infinity' AS TIMESTAMPTZ) THEN NULL ELSE __from_bound END AS effective_from, CASE WHEN __to = CAST('infinity' AS TIMESTAMPTZ) THEN NULL ELSE __to END AS effective_until, 'UTILITY2' AS utility_id FROM "gf_meter_periods")) TO '<out>/.staging/internal/meter_periods/utility_id=UTILITY2/data_0.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, WRITE_EMPTY_FILE false);

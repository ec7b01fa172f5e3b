-- The hand-written reference pipeline: what a data engineer would write in an afternoon with DuckDB
-- for the bench's generated files, producing the tables gridflow publishes (standardized
-- service_points, meters and intervals per utility, the external Product usage_interval, the
-- Experience usage_daily) as Parquet, and the default DQ counts. It skips what gridflow adds:
-- rejects with reasons, lineage columns, rule samples, accounting, the internal Product level.
--
-- It honours the shipped mappings' semantics that change row counts: required values, the dedupe
-- keys and policies (keep last by a column or by file order; utility 2's intervals quarantine every
-- key whose rows disagree) and utility 2's effective-dated meter → service point join.
--
-- Each statement starts with `-- @<stage> <name>: <what>`; the runner (run-reference.ts) fills in
-- {{dir}} (the data folder), {{out}}, {{ipad}} / {{opad}} (the pseudonym key's HMAC pads) and {{now}}.

-- @standardize setup: the pseudonym, exactly as gridflow's dialect hashes (HMAC-SHA-256, hex)
CREATE TEMP MACRO pseudonym(x) AS CASE WHEN x IS NULL THEN NULL
  ELSE sha256(unhex('{{opad}}') || unhex(sha256(unhex('{{ipad}}') || encode(CAST(x AS VARCHAR))))) END;

-- @standardize u1_sp: utility 1 service points, latest UPDATED per id (the last line on ties)
CREATE TEMP TABLE u1_sp AS
SELECT 'UTILITY1' AS utility_id, id AS service_point_id, number AS service_point_number,
  CAST(NULL AS VARCHAR) AS status, CAST(NULL AS VARCHAR) AS house_num, street,
  CAST(NULL AS VARCHAR) AS house_supp, city, zip, state, installed_at, removed_at,
  timezone('America/New_York', CAST(created AS TIMESTAMP)) AS created_at,
  timezone('America/New_York', CAST(updated AS TIMESTAMP)) AS updated_at
FROM (
  SELECT *, row_number() OVER () AS line
  FROM read_csv('{{dir}}/utility1/utility1_service_points.csv', header = true, auto_detect = false,
    nullstr = ['', 'null'], dateformat = '%Y-%m-%d', ignore_errors = true,
    columns = {'id': 'VARCHAR', 'number': 'VARCHAR', 'street': 'VARCHAR', 'city': 'VARCHAR', 'zip': 'VARCHAR',
      'state': 'VARCHAR', 'installed_at': 'TIMESTAMPTZ', 'removed_at': 'TIMESTAMPTZ', 'created': 'DATE',
      'updated': 'DATE'})
)
WHERE id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY id ORDER BY updated DESC NULLS LAST, line DESC) = 1;

-- @standardize u1_meters: utility 1 meters, one row per meter: its latest reading (the last line on ties)
CREATE TEMP TABLE u1_meters AS
SELECT 'UTILITY1' AS utility_id, meter_id, CAST(NULL AS VARCHAR) AS serial_number, r.meter_type,
  CAST(NULL AS VARCHAR) AS meter_status, r.meter_category, CAST(NULL AS VARCHAR) AS service_point_id,
  CAST(NULL AS TIMESTAMPTZ) AS installed_at, CAST(NULL AS TIMESTAMPTZ) AS removed_at,
  CAST(NULL AS TIMESTAMPTZ) AS created_at, r.updated_at
FROM (
  SELECT meter_id, arg_max({'meter_type': meter_type, 'meter_category': meter_category, 'updated_at': meter_timestamp},
    (COALESCE(meter_timestamp, '-infinity'::TIMESTAMPTZ), line)) AS r
  FROM (
    SELECT *, row_number() OVER () AS line
    FROM read_csv('{{dir}}/utility1/utility1_meters.csv', header = true, auto_detect = false,
      nullstr = ['', 'null'], ignore_errors = true,
      columns = {'meter_id': 'VARCHAR', 'meter_timestamp': 'TIMESTAMPTZ', 'meter_duration': 'VARCHAR',
        'meter_value': 'VARCHAR', 'meter_type': 'VARCHAR', 'meter_category': 'VARCHAR'})
  )
  WHERE meter_id IS NOT NULL
  GROUP BY meter_id
);

-- @standardize u1_intervals: utility 1 intervals, typed read, required values, latest last_update_time per key
-- (ties go to the last line, as gridflow's keep: last does: the line number is the read's order; the order
-- key is one HUGEINT, time then line: arg_max by a (time, line) struct does not spill and ran out of memory)
CREATE TEMP TABLE u1_int AS
WITH numbered AS (
  SELECT *, row_number() OVER () AS line
  FROM read_csv('{{dir}}/utility1/utility1_intervals.csv', header = true, auto_detect = false,
    nullstr = ['', 'null'], ignore_errors = true,
    columns = {'sp': 'VARCHAR', 'meter_id': 'VARCHAR', 'channel': 'VARCHAR', 'duration': 'BIGINT',
      'value': 'DOUBLE', 'quality': 'VARCHAR', 'ts': 'TIMESTAMPTZ', 'lut': 'TIMESTAMPTZ', 'exported_at': 'VARCHAR'})
),
picked AS (
  SELECT meter_id, channel, ts,
    arg_max({'sp': sp, 'duration': duration, 'value': value, 'quality': quality, 'lut': lut},
      COALESCE(epoch_us(lut), -9223372036854775807)::HUGEINT * 4294967296 + line) AS r,
    count(*) AS n, min(value) <> max(value) AS disagree
  FROM numbered
  WHERE meter_id IS NOT NULL AND ts IS NOT NULL AND duration IS NOT NULL AND value IS NOT NULL
  GROUP BY meter_id, channel, ts
)
SELECT 'UTILITY1' AS utility_id, r.sp AS service_point_id, meter_id, ts AS interval_start_ts,
  ts + to_seconds(r.duration) AS interval_end_ts, r.duration AS duration_seconds, r.value AS value,
  CASE WHEN channel LIKE 'KVARH %' THEN 'kVARh' WHEN channel LIKE 'KWH %' THEN 'kWh' ELSE 'unknown' END AS unit,
  CASE WHEN channel LIKE 'KWH Net %' THEN 'net' WHEN channel LIKE 'KWH Received %' THEN 'received'
    WHEN regexp_matches(channel, '^KWH \d+ Minute') THEN 'delivered' ELSE 'unknown' END AS direction,
  CASE r.quality WHEN 'VAL' THEN 'valid' WHEN 'NV' THEN 'not_validated' ELSE 'unknown' END AS quality,
  r.quality AS quality_raw,
  CASE WHEN regexp_matches(channel, '^(KWH|KVARH)( Net| Received)? [0-9]+ Minute ')
    THEN lower(replace(replace(replace(split_part(channel, ' Minute ', 1), ' Net', '_net'), ' Received', '_received'),
      ' ', '_')) || 'min'
    ELSE 'unknown' END AS channel,
  channel AS channel_raw, r.lut AS last_update_ts, n AS __rows, disagree AS __disagree
FROM picked;

-- @standardize u2_sp_raw: utility 2 premises as read (file order kept: the last row of an id wins)
CREATE TEMP TABLE u2_sp_raw AS
SELECT * FROM read_csv('{{dir}}/utility2/utility2_service_points.csv', header = true, auto_detect = false,
  nullstr = [''], dateformat = '%Y-%m-%d', ignore_errors = true,
  columns = {'premise_id': 'VARCHAR', 'created_date': 'DATE', 'house_num': 'VARCHAR', 'street': 'VARCHAR',
    'house_supp': 'VARCHAR', 'city': 'VARCHAR', 'zip': 'VARCHAR', 'region': 'VARCHAR'})
WHERE premise_id IS NOT NULL;

-- @standardize u2_sp: utility 2 service points, the last row per premise
CREATE TEMP TABLE u2_sp AS
SELECT 'UTILITY2' AS utility_id, premise_id AS service_point_id, CAST(NULL AS VARCHAR) AS service_point_number,
  CAST(NULL AS VARCHAR) AS status, house_num, street, house_supp, city, zip, region AS state,
  CAST(NULL AS TIMESTAMPTZ) AS installed_at, CAST(NULL AS TIMESTAMPTZ) AS removed_at,
  timezone('America/New_York', CAST(created_date AS TIMESTAMP)) AS created_at, CAST(NULL AS TIMESTAMPTZ) AS updated_at
FROM u2_sp_raw
QUALIFY row_number() OVER (PARTITION BY premise_id ORDER BY rowid DESC) = 1;

-- @standardize u2_meter_history: utility 2 meter installations as read (the effective-dated history)
CREATE TEMP TABLE u2_meter_history AS
SELECT * FROM read_csv('{{dir}}/utility2/utility2_meters.csv', header = true, auto_detect = false,
  nullstr = [''], ignore_errors = true,
  columns = {'premise_id': 'VARCHAR', 'meter_id': 'VARCHAR', 'meter_number': 'VARCHAR', 'meter_type': 'VARCHAR',
    'meter_status': 'VARCHAR', 'meter_channel': 'VARCHAR', 'installed_at': 'TIMESTAMPTZ',
    'removed_at': 'TIMESTAMPTZ', 'created': 'TIMESTAMPTZ', 'updated': 'TIMESTAMPTZ'})
WHERE meter_id IS NOT NULL;

-- @standardize u2_meters: utility 2 meters, the latest installation per meter
CREATE TEMP TABLE u2_meters AS
SELECT 'UTILITY2' AS utility_id, meter_id, meter_number AS serial_number, meter_type, meter_status,
  CAST(NULL AS VARCHAR) AS meter_category, premise_id AS service_point_id, installed_at, removed_at,
  created AS created_at, updated AS updated_at
FROM u2_meter_history
QUALIFY row_number() OVER (PARTITION BY meter_id ORDER BY installed_at DESC NULLS LAST, rowid DESC) = 1;

-- @standardize u2_periods: utility 2 installation periods (the last row of a meter and installed_at), each
-- from installed_at to the next installation or its removal, whichever comes first
CREATE TEMP TABLE u2_periods AS
SELECT meter_id, premise_id, meter_number, meter_type, meter_status,
  COALESCE(installed_at, '-infinity'::TIMESTAMPTZ) AS valid_from,
  COALESCE(CASE WHEN next_from IS NULL THEN removed_at WHEN removed_at IS NULL OR next_from < removed_at
    THEN next_from ELSE removed_at END, 'infinity'::TIMESTAMPTZ) AS valid_to
FROM (
  SELECT *, lead(installed_at) OVER (PARTITION BY meter_id ORDER BY installed_at ASC NULLS FIRST) AS next_from
  FROM (
    SELECT * FROM u2_meter_history
    QUALIFY row_number() OVER (PARTITION BY meter_id, installed_at ORDER BY rowid DESC) = 1
  )
);

-- @standardize settings: the big statements below need no row order
SET preserve_insertion_order = false;

-- @standardize u2_intervals: utility 2 daily reads, a key kept only when its rows agree, ASOF-joined to its installation
CREATE TEMP TABLE u2_int AS
WITH agreed AS (
  SELECT meter_id, channel, day, min(value) AS value, min(quality) AS quality, count(*) AS n
  FROM read_csv('{{dir}}/utility2/utility2_intervals.csv', header = true, auto_detect = false,
    nullstr = [''], dateformat = '%Y%m%d', ignore_errors = true,
    columns = {'channel': 'VARCHAR', 'duration': 'VARCHAR', 'meter_id': 'VARCHAR', 'quality': 'VARCHAR',
      'day': 'DATE', 'value': 'DOUBLE'})
  WHERE meter_id IS NOT NULL AND day IS NOT NULL AND value IS NOT NULL
  GROUP BY meter_id, channel, day
  -- all rows agree: one value and one quality (or none at all); a DISTINCT aggregate would not spill
  HAVING min(value) = max(value) AND (count(quality) = 0 OR (count(quality) = count(*) AND min(quality) = max(quality)))
),
dated AS (SELECT *, timezone('America/New_York', CAST(day AS TIMESTAMP)) AS ts FROM agreed)
SELECT 'UTILITY2' AS utility_id, CASE WHEN i.ts < p.valid_to THEN p.premise_id END AS service_point_id, i.meter_id,
  i.ts AS interval_start_ts, i.ts + INTERVAL 86400 SECOND AS interval_end_ts, CAST(86400 AS BIGINT) AS duration_seconds,
  i.value, 'unknown' AS unit, 'unknown' AS direction, 'unknown' AS quality, i.quality AS quality_raw,
  i.channel AS channel, i.channel AS channel_raw, CAST(NULL AS TIMESTAMPTZ) AS last_update_ts,
  CASE WHEN i.ts < p.valid_to THEN p.meter_number END AS p_serial_number,
  CASE WHEN i.ts < p.valid_to THEN p.meter_type END AS p_meter_type,
  CASE WHEN i.ts < p.valid_to THEN p.meter_status END AS p_meter_status,
  i.n AS __rows
FROM dated i
ASOF LEFT JOIN u2_periods p ON p.meter_id = i.meter_id AND i.ts >= p.valid_from;

-- @dq u1_rules: utility 1's default DQ counts in one scan (with coverage and the 15-minute limits)
CREATE TEMP TABLE dq_u1 AS
SELECT count(*) AS rows,
  count(*) FILTER (WHERE i.meter_id IS NULL OR i.interval_start_ts IS NULL OR i.value IS NULL) AS not_null,
  count(*) FILTER (WHERE i.interval_start_ts < TIMESTAMPTZ '2000-01-01' OR i.interval_start_ts > '{{now}}') AS ts_sane,
  count(*) FILTER (WHERE m.meter_id IS NULL) AS meter_coverage,
  count(*) FILTER (WHERE s.service_point_id IS NULL) AS service_point_coverage,
  count(*) FILTER (WHERE i.value < 0 AND i.direction != 'net') AS negative,
  count(*) FILTER (WHERE i.value = 0) AS zero,
  count(*) FILTER (WHERE i.__rows > 1 AND i.__disagree) AS duplicate_keys,
  count(*) FILTER (WHERE i.quality = 'unknown') AS unknown_quality,
  count(*) FILTER (WHERE i.unit = 'unknown') AS unknown_unit,
  count(*) FILTER (WHERE i.channel = 'unknown') AS unknown_channel,
  count(*) FILTER (WHERE i.unit = 'kWh' AND i.duration_seconds = 900
    AND ((m.meter_category = 'RESIDENTIAL' AND i.value > 10) OR (m.meter_category = 'COMMERCIAL' AND i.value > 250)))
    AS limits_15min
FROM u1_int i
LEFT JOIN u1_meters m ON m.meter_id = i.meter_id
LEFT JOIN u1_sp s ON s.service_point_id = i.service_point_id;

-- @dq u2_rules: utility 2's default DQ counts in one scan (with coverage)
CREATE TEMP TABLE dq_u2 AS
SELECT count(*) AS rows,
  count(*) FILTER (WHERE i.meter_id IS NULL OR i.interval_start_ts IS NULL OR i.value IS NULL) AS not_null,
  count(*) FILTER (WHERE i.interval_start_ts < TIMESTAMPTZ '2000-01-01' OR i.interval_start_ts > '{{now}}') AS ts_sane,
  count(*) FILTER (WHERE m.meter_id IS NULL) AS meter_coverage,
  count(*) FILTER (WHERE s.service_point_id IS NULL) AS service_point_coverage,
  count(*) FILTER (WHERE i.value < 0 AND i.direction != 'net') AS negative,
  count(*) FILTER (WHERE i.value = 0) AS zero,
  count(*) FILTER (WHERE i.__rows > 1) AS duplicate_keys,
  count(*) FILTER (WHERE i.quality = 'unknown') AS unknown_quality,
  count(*) FILTER (WHERE i.unit = 'unknown') AS unknown_unit,
  count(*) FILTER (WHERE i.channel = 'unknown') AS unknown_channel
FROM u2_int i
LEFT JOIN u2_meters m ON m.meter_id = i.meter_id
LEFT JOIN u2_sp s ON s.service_point_id = i.service_point_id;

-- @dq outliers: IQR outliers of value per utility and unit (factor 10)
CREATE TEMP TABLE dq_outliers AS
WITH v AS (SELECT utility_id, unit, value FROM u1_int UNION ALL SELECT utility_id, unit, value FROM u2_int),
q AS (
  SELECT utility_id, unit, approx_quantile(value, 0.25) AS q1, approx_quantile(value, 0.75) AS q3 FROM v GROUP BY ALL
)
SELECT v.utility_id, v.unit, count(*) FILTER (WHERE v.value < q1 - 10 * (q3 - q1) OR v.value > q3 + 10 * (q3 - q1)) AS n
FROM v JOIN q USING (utility_id, unit) GROUP BY ALL;

-- @dq addresses: utility 2 premises whose rows name different addresses
CREATE TEMP TABLE dq_addresses AS
SELECT count(*) AS n FROM (
  SELECT premise_id FROM u2_sp_raw GROUP BY premise_id HAVING count(DISTINCT {'s': street, 'c': city, 'z': zip}) > 1
);

-- @write u1_sp: standardized/service_points of utility 1
COPY u1_sp TO '{{out}}/standardized/service_points'
  (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY (utility_id), OVERWRITE_OR_IGNORE);

-- @write u2_sp: standardized/service_points of utility 2
COPY u2_sp TO '{{out}}/standardized/service_points'
  (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY (utility_id), OVERWRITE_OR_IGNORE);

-- @write u1_meters: standardized/meters of utility 1
COPY u1_meters TO '{{out}}/standardized/meters'
  (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY (utility_id), OVERWRITE_OR_IGNORE);

-- @write u2_meters: standardized/meters of utility 2
COPY u2_meters TO '{{out}}/standardized/meters'
  (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY (utility_id), OVERWRITE_OR_IGNORE);

-- @write u1_intervals: standardized/intervals of utility 1
COPY (SELECT * EXCLUDE (__rows, __disagree) FROM u1_int) TO '{{out}}/standardized/intervals'
  (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY (utility_id), OVERWRITE_OR_IGNORE);

-- @write u2_intervals: standardized/intervals of utility 2
COPY (SELECT * EXCLUDE (p_serial_number, p_meter_type, p_meter_status, __rows) FROM u2_int)
  TO '{{out}}/standardized/intervals'
  (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY (utility_id), OVERWRITE_OR_IGNORE);

-- @product u1_usage_interval: the external Product of utility 1 (pseudonyms, redacted addresses, ZIP3)
COPY (
  SELECT i.utility_id, pseudonym(i.service_point_id) AS service_point_id, pseudonym(i.meter_id) AS meter_id,
    i.interval_start_ts, i.interval_end_ts, i.value, i.duration_seconds, i.unit, i.direction, i.channel,
    i.channel_raw, i.quality, i.quality_raw, i.last_update_ts,
    m.meter_id IS NOT NULL AS meter_known, s.service_point_id IS NOT NULL AS service_point_known,
    pseudonym(m.serial_number) AS serial_number, m.meter_type, m.meter_status, m.meter_category,
    pseudonym(s.service_point_number) AS service_point_number,
    CASE WHEN s.house_num IS NOT NULL THEN '***' END AS house_num,
    CASE WHEN s.street IS NOT NULL THEN '***' END AS street,
    CASE WHEN s.house_supp IS NOT NULL THEN '***' END AS house_supp,
    s.city, substring(s.zip, 1, 3) AS zip, s.state,
    strftime(timezone('America/New_York', i.interval_start_ts), '%Y-%m') AS month
  FROM u1_int i
  LEFT JOIN u1_meters m ON m.meter_id = i.meter_id
  LEFT JOIN u1_sp s ON s.service_point_id = i.service_point_id
) TO '{{out}}/product/usage_interval'
  (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY (utility_id, month), OVERWRITE_OR_IGNORE);

-- @product u2_usage_interval: the external Product of utility 2 (meter columns from the installation in effect)
COPY (
  SELECT i.utility_id, pseudonym(i.service_point_id) AS service_point_id, pseudonym(i.meter_id) AS meter_id,
    i.interval_start_ts, i.interval_end_ts, i.value, i.duration_seconds, i.unit, i.direction, i.channel,
    i.channel_raw, i.quality, i.quality_raw, i.last_update_ts,
    m.meter_id IS NOT NULL AS meter_known, s.service_point_id IS NOT NULL AS service_point_known,
    pseudonym(i.p_serial_number) AS serial_number, i.p_meter_type AS meter_type, i.p_meter_status AS meter_status,
    CAST(NULL AS VARCHAR) AS meter_category, pseudonym(s.service_point_number) AS service_point_number,
    CASE WHEN s.house_num IS NOT NULL THEN '***' END AS house_num,
    CASE WHEN s.street IS NOT NULL THEN '***' END AS street,
    CASE WHEN s.house_supp IS NOT NULL THEN '***' END AS house_supp,
    s.city, substring(s.zip, 1, 3) AS zip, s.state,
    strftime(timezone('America/New_York', i.interval_start_ts), '%Y-%m') AS month
  FROM u2_int i
  LEFT JOIN u2_meters m ON m.meter_id = i.meter_id
  LEFT JOIN u2_sp s ON s.service_point_id = i.service_point_id
) TO '{{out}}/product/usage_interval'
  (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY (utility_id, month), OVERWRITE_OR_IGNORE);

-- @experience usage_daily: usage per service point and local day (sum per start time, then per day), both utilities
COPY (
  WITH per_ts AS (
    SELECT utility_id, service_point_id, unit, COALESCE(direction, 'unknown') AS direction,
      CASE WHEN unit = 'unknown' THEN channel_raw END AS channel_raw, interval_start_ts AS ts,
      min(duration_seconds) AS duration_seconds, CAST(sum(CAST(value AS DECIMAL(38, 9))) AS DOUBLE) AS value,
      COALESCE(bool_or(quality = 'missing'), FALSE) AS missing
    FROM (
      SELECT utility_id, service_point_id, unit, direction, channel_raw, interval_start_ts, duration_seconds, value,
        quality FROM u1_int
      UNION ALL
      SELECT utility_id, service_point_id, unit, direction, channel_raw, interval_start_ts, duration_seconds, value,
        quality FROM u2_int
    )
    WHERE service_point_id IS NOT NULL
    GROUP BY ALL
  ),
  days AS (
    SELECT *, date_trunc('day', timezone('America/New_York', ts)) AS local_start FROM per_ts
  ),
  agg AS (
    SELECT utility_id, service_point_id, local_start, unit, direction, channel_raw,
      min(duration_seconds) AS interval_seconds, CAST(sum(CAST(value AS DECIMAL(38, 9))) AS DOUBLE) AS total_usage,
      count(*) AS interval_count, count(*) FILTER (WHERE missing) AS missing_count,
      max(value) FILTER (WHERE NOT missing) AS peak_usage_value,
      arg_min(ts, (-value, ts)) FILTER (WHERE NOT missing) AS peak_usage_ts,
      min(value) FILTER (WHERE NOT missing) AS pit_usage_value,
      arg_min(ts, (value, ts)) FILTER (WHERE NOT missing) AS pit_usage_ts
    FROM days
    GROUP BY ALL
  ),
  bounds AS (
    SELECT *, timezone('America/New_York', local_start) AS bucket_start,
      timezone('America/New_York', local_start + INTERVAL 1 DAY) AS bucket_end
    FROM agg
  )
  SELECT utility_id, service_point_id, CAST(local_start AS DATE) AS local_date, 'America/New_York' AS timezone,
    'day' AS bucket, bucket_start, bucket_end, unit, direction, channel_raw, interval_seconds, total_usage,
    interval_count, missing_count,
    CAST(GREATEST(1, round((epoch(bucket_end) - epoch(bucket_start)) / interval_seconds)) AS BIGINT)
      AS expected_interval_count,
    interval_count / GREATEST(1, round((epoch(bucket_end) - epoch(bucket_start)) / interval_seconds)) AS completeness,
    peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, strftime(local_start, '%Y-%m') AS month
  FROM bounds
) TO '{{out}}/experience/usage_daily'
  (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, PARTITION_BY (utility_id, month), OVERWRITE_OR_IGNORE);

-- gridflow UTILITY2 step 028: usage_interval.build
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE VIEW `gf_usage_interval` AS
SELECT i.`utility_id` AS `utility_id`,
  i.`service_point_id` AS `service_point_id`,
  i.`meter_id` AS `meter_id`,
  i.`interval_start_ts` AS `interval_start_ts`,
  i.`interval_end_ts` AS `interval_end_ts`,
  i.`value` AS `value`,
  i.`duration_seconds` AS `duration_seconds`,
  i.`unit` AS `unit`,
  i.`direction` AS `direction`,
  i.`channel` AS `channel`,
  i.`channel_raw` AS `channel_raw`,
  i.`quality` AS `quality`,
  i.`quality_raw` AS `quality_raw`,
  i.`last_update_ts` AS `last_update_ts`,
  (m.meter_id IS NOT NULL) AS meter_known,
  (s.service_point_id IS NOT NULL) AS service_point_known,
  mp.`serial_number` AS `serial_number`,
  mp.`meter_type` AS `meter_type`,
  mp.`meter_status` AS `meter_status`,
  mp.`meter_category` AS `meter_category`,
  mp.`customer_class` AS `customer_class`,
  s.`service_point_number` AS `service_point_number`,
  s.`house_num` AS `house_num`,
  s.`street` AS `street`,
  s.`house_supp` AS `house_supp`,
  s.`city` AS `city`,
  s.`zip` AS `zip`,
  s.`state` AS `state`,
  i.`source_file` AS `source_file`,
  i.`source_line` AS `source_line`,
  mo.__month
FROM `gf_std_intervals` i
LEFT JOIN (SELECT * EXCEPT (__qualify) FROM (SELECT *, (row_number() OVER (PARTITION BY utility_id, `meter_id` ORDER BY source_file DESC, source_line DESC) = 1) AS __qualify FROM `gf_std_meters`) WHERE __qualify) m ON m.utility_id = i.utility_id AND m.meter_id = i.meter_id
LEFT JOIN `gf_meter_periods` mp ON mp.meter_id = i.meter_id AND i.interval_start_ts >= mp.__from_bound AND i.interval_start_ts < mp.__to
LEFT JOIN (SELECT * EXCEPT (__qualify) FROM (SELECT *, (row_number() OVER (PARTITION BY utility_id, `service_point_id` ORDER BY source_file DESC, source_line DESC) = 1) AS __qualify FROM `gf_std_service_points`) WHERE __qualify) s ON s.utility_id = i.utility_id AND s.service_point_id = i.service_point_id
LEFT JOIN `gf_usage_months` mo ON mo.ts = i.interval_start_ts;

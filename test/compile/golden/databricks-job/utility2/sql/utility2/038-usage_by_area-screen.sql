-- gridflow UTILITY2 step 038: usage_by_area.screen
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_area_screened` AS
SELECT utility_id, zip, city, period, period_start, unit, direction, channel_raw, customer_class, period_end, month_start, customer_count, total_usage, largest_share, peak_usage_value, peak_usage_ts, pit_usage_value, pit_usage_ts, suppression_reason IS NOT NULL AS suppressed, suppression_reason
FROM (
  SELECT *, CASE
    WHEN min_customers IS NULL THEN 'no_screen_rule'
    WHEN customer_count < min_customers THEN 'too_few_customers'
    WHEN largest_share > max_share THEN 'dominant_customer'
  END AS suppression_reason
  FROM (SELECT *, CASE customer_class WHEN 'residential' THEN 15 WHEN 'small_commercial' THEN 6 WHEN 'all' THEN 15 END AS min_customers, CASE customer_class WHEN 'residential' THEN 0.15 WHEN 'small_commercial' THEN 0.4 WHEN 'all' THEN 0.15 END AS max_share FROM `gf_area_cells`) r
) s;

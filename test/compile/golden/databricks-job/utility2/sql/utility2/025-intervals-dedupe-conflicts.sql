-- gridflow UTILITY2 step 025: intervals.dedupe-conflicts
USE SCHEMA IDENTIFIER(:work_schema);
CREATE OR REPLACE TABLE `gf_conflicts_intervals` AS SELECT g.`meter_id`, g.`channel_raw`, g.`interval_start_ts`, count(*) AS __n, count(DISTINCT CAST(to_json(named_struct('utility_id', g.`utility_id`, 'duration_seconds', g.`duration_seconds`, 'value', g.`value`, 'unit', g.`unit`, 'direction', g.`direction`, 'channel', g.`channel`, 'quality', g.`quality`, 'quality_raw', g.`quality_raw`), map('ignoreNullFields', 'false', 'timestampFormat', 'yyyy-MM-dd HH:mm:ssx', 'timestampNTZFormat', 'yyyy-MM-dd HH:mm:ss')) AS STRING)) AS __versions
FROM (SELECT * FROM `gf_conv_intervals` WHERE __keep) g JOIN `gf_rep_intervals` r ON r.`meter_id` IS NOT DISTINCT FROM g.`meter_id` AND r.`channel_raw` IS NOT DISTINCT FROM g.`channel_raw` AND r.`interval_start_ts` IS NOT DISTINCT FROM g.`interval_start_ts`
GROUP BY g.`meter_id`, g.`channel_raw`, g.`interval_start_ts`;

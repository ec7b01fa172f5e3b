import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { withDuckDb } from '../helpers/duckdb.ts';
import { tableGlob } from './util.ts';

/** The stages on the bundled sample data, checked against the standardized and Product tables. */
const out = path.join(tempDir().dir, 'out');
const std = tableGlob(out, 'standardized', 'intervals');
const product = tableGlob(out, 'product', 'usage_interval');
// The internal level is a view over the published set, built once the run has published it.
const internal = () => tableGlob(out, 'product', 'usage_interval_internal');
const daily = tableGlob(out, 'experience', 'usage_daily');

beforeAll(async () => {
  const r = await cli('run', '-q', '--mapping', 'mappings/utility1.yaml', '--mapping', 'mappings/utility2.yaml', '--out', out);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});

describe('stages on the sample data', () => {
  test('Product has one row per standardized interval, per utility and access level', async () => {
    await withDuckDb(async ({ query }) => {
      const count = (src: string) => query(`SELECT utility_id, count(*) AS n FROM ${src} GROUP BY ALL ORDER BY 1`);
      const want = await count(std);
      expect(want.map((r) => r.utility_id)).toEqual(['UTILITY1', 'UTILITY2']);
      expect(want.every((r) => r.n > 400)).toBe(true); // utility 2 publishes only reads whose rows agree
      expect(await count(product)).toEqual(want);
      expect(await count(internal())).toEqual(want);
    });
  });

  test('Experience totals equal the Product sums per service point, local day, unit, direction (and channel of unknown units)', async () => {
    await withDuckDb(async ({ query }) => {
      // Both publish the service point's pseudonym (the same HMAC): the external Product joins usage_daily.
      const fromProduct = `
        SELECT utility_id, service_point_id, (interval_start_ts AT TIME ZONE 'America/New_York')::DATE AS local_date, unit,
          COALESCE(direction, 'unknown') AS direction, CASE WHEN unit = 'unknown' THEN channel_raw END AS channel_raw,
          sum(value) AS total, count(DISTINCT interval_start_ts) AS n
        FROM ${product} WHERE service_point_id IS NOT NULL GROUP BY ALL`;
      const [r] = await query(`
        WITH p AS (${fromProduct}), e AS (SELECT * FROM ${daily})
        SELECT count(*) AS groups,
          count(*) FILTER (WHERE e.utility_id IS NULL OR p.utility_id IS NULL) AS unmatched,
          count(*) FILTER (WHERE abs(e.total_usage - p.total) > 1e-6 * greatest(1, abs(p.total))) AS wrong_total,
          count(*) FILTER (WHERE e.interval_count <> p.n) AS wrong_count,
          (SELECT count(*) FROM e) AS daily_rows
        FROM p FULL OUTER JOIN e ON e.utility_id = p.utility_id AND e.service_point_id = p.service_point_id
          AND e.local_date = p.local_date AND e.unit = p.unit AND e.direction = p.direction
          AND e.channel_raw IS NOT DISTINCT FROM p.channel_raw`);
      expect(r.groups).toBeGreaterThan(900);
      expect(r).toEqual({ groups: r.daily_rows, unmatched: 0, wrong_total: 0, wrong_count: 0, daily_rows: r.daily_rows });
    });
  });

  test('usage_daily has no duplicate keys and sane counts', async () => {
    await withDuckDb(async ({ query }) => {
      const dup = await query(`SELECT utility_id, service_point_id, bucket_start, unit, direction, channel_raw, count(*) AS n FROM ${daily} GROUP BY ALL HAVING n > 1 LIMIT 3`);
      expect(dup).toEqual([]);
      const [bad] = await query(`
        SELECT count(*) FILTER (WHERE interval_count > expected_interval_count OR completeness > 1 OR completeness <= 0) AS over,
          count(*) FILTER (WHERE missing_count > interval_count) AS missing,
          count(*) FILTER (WHERE bucket_end <= bucket_start OR local_date <> (bucket_start AT TIME ZONE timezone)::DATE) AS bucket,
          count(*) FILTER (WHERE channel_raw IS NOT NULL AND unit <> 'unknown') AS channel
        FROM ${daily}`);
      expect(bad).toEqual({ over: 0, missing: 0, bucket: 0, channel: 0 });
      // utility 2: daily reads, one expected per day
      const [u2] = await query(`SELECT min(expected_interval_count) AS lo, max(expected_interval_count) AS hi FROM ${daily} WHERE utility_id = 'UTILITY2'`);
      expect(u2).toEqual({ lo: 1, hi: 1 });
    });
  });
});

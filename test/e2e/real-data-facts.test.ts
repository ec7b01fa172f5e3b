import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { parquetGlob, withDuckDb } from '../helpers/duckdb.ts';
import type { TableAccount } from '../../engine/run/accounting.ts';
import { quarantineReason } from '../../engine/compile/conflicts-sql.ts';

/**
 * The facts of the utilities' real files, planted in data/raw by the generator, and what the shipped
 * mappings do with each of them (issue 12).
 */
const { dir } = tempDir();
const out = path.join(dir, 'out');
let accounts: TableAccount[];
let printed: string;

const raw = (f: string) => `read_csv('data/raw/${f}', all_varchar = true, header = true)`;
const U1_INTERVALS = raw('utility1/utility1_intervals.csv');
const U1_METERS = raw('utility1/utility1_meters.csv');
const U1_SPS = raw('utility1/utility1_service_points.csv');
const U2_SPS = raw('utility2/utility2_service_points.csv');
const U2_METERS = raw('utility2/utility2_meters.csv');
const U2_INTERVALS = raw('utility2/utility2_intervals.csv');

beforeAll(async () => {
  const r = await cli('run', '-q', '--mapping', 'mappings/utility1.yaml', '--mapping', 'mappings/utility2.yaml', '--out', out);
  expect(r.code).toBe(0);
  printed = r.out;
  const runs = JSON.parse(readFileSync(path.join(out, '_runs', readdirSync(path.join(out, '_runs'))[0]), 'utf8'));
  accounts = runs.accounts;
});

const account = (utility: string, table: string) => accounts.find((a) => a.utility === utility && a.table === table)!;
const std = (table: string) => parquetGlob(out, 'standardized', table);

describe('utility 1 on its real-file facts', () => {
  it('keeps the fifth channel label as kWh delivered over 5 minutes: no valid read is rejected', async () => {
    await withDuckDb(async ({ query }) => {
      const label = 'KWH 5 Minute Interval Read Interval';
      const [rawRows] = await query(`SELECT count(*) AS n, count(DISTINCT quality) AS q, min(quality) AS quality FROM ${U1_INTERVALS} WHERE channel = '${label}'`);
      expect(rawRows).toEqual({ n: 10, q: 1, quality: 'VAL' });
      const kept = await query(`SELECT channel, unit, direction, quality, count(*) AS n FROM ${std('intervals')} WHERE channel_raw = '${label}' GROUP BY ALL`);
      expect(kept).toEqual([{ channel: 'kwh_5min', unit: 'kWh', direction: 'delivered', quality: 'valid', n: 10 }]);
      // every channel label has a name from its parts, none is unknown or rejected
      const names = await query(`SELECT DISTINCT channel FROM ${std('intervals')} WHERE utility_id = 'UTILITY1' ORDER BY 1`);
      expect(names.map((r) => r.channel)).toEqual(['kvarh_5min', 'kwh_15min', 'kwh_5min', 'kwh_net_15min', 'kwh_received_5min']);
      expect(Object.keys(account('UTILITY1', 'intervals').rejectedByReason).filter((r) => r.includes('unknown code'))).toEqual([]);
    });
  });

  it('reports the same meter and start on two service points as a conflict, not a silent drop', async () => {
    await withDuckDb(async ({ query }) => {
      const pairs = await query(`SELECT meter_id, channel, timestamp FROM ${U1_INTERVALS} GROUP BY ALL HAVING count(DISTINCT service_delivery_point_id) > 1`);
      expect(pairs).toHaveLength(2);
      const dup = account('UTILITY1', 'intervals').duplicates!;
      expect(dup.arbitraryKeys).toBe(2); // the two pairs tie on last_update_ts
      expect(dup.conflictKeys).toBeGreaterThanOrEqual(2);
      expect(dup.warning).toMatch(/2 key\(s\) of UTILITY1 intervals have rows that disagree and tie on last_update_ts/);
      expect(printed).toContain('warning: 2 key(s) of UTILITY1 intervals');
    });
  });

  it('keeps each meter as of its latest meter_timestamp, not the last row in the file', async () => {
    await withDuckDb(async ({ query }) => {
      const [wrong] = await query(`
        SELECT count(*) AS n FROM ${std('meters')} m
        JOIN (SELECT meter_id, max(CAST(meter_timestamp AS TIMESTAMPTZ)) AS latest FROM ${U1_METERS} GROUP BY ALL) r USING (meter_id)
        WHERE m.utility_id = 'UTILITY1' AND m.updated_at <> r.latest`);
      expect(wrong.n).toBe(0);
      const [outOfOrder] = await query(`
        SELECT count(*) AS n FROM (SELECT meter_id, arg_max(meter_timestamp, l) AS last_in_file, max(meter_timestamp) AS latest
          FROM (SELECT *, row_number() OVER () AS l FROM ${U1_METERS}) GROUP BY ALL) WHERE last_in_file <> latest`);
      expect(outOfOrder.n).toBeGreaterThan(200); // of 290 meters
    });
  });

  it('carries service point numbers that begin with the full ZIP (a location inside an identifier)', async () => {
    await withDuckDb(async ({ query }) => {
      const [r] = await query(`SELECT count(*) FILTER (WHERE starts_with(SERVICE_POINT_NUMBER, SERVICE_POINT_ZIP)) AS zip, count(*) AS n FROM ${U1_SPS}`);
      expect(r.zip / r.n).toBeGreaterThan(0.5);
    });
  });
});

describe('utility 2 on its real-file facts', () => {
  it('names the premises whose rows disagree: one created_date, 2-7 rows with different addresses', async () => {
    await withDuckDb(async ({ query }) => {
      const [r] = await query(`
        SELECT count(DISTINCT created_date) AS dates, min(n) AS lo, max(n) AS hi, count(*) FILTER (WHERE addresses < n) AS same
        FROM (SELECT premise_id, any_value(created_date) AS created_date, count(*) AS n,
                count(DISTINCT premise_house_num || premise_street || premise_city) AS addresses
              FROM ${U2_SPS} GROUP BY ALL)`);
      expect(r).toEqual({ dates: 1, lo: 2, hi: 7, same: 0 });
      const dup = account('UTILITY2', 'service_points').duplicates!;
      expect(dup.conflictKeys).toBe(195);
      expect(dup.arbitraryKeys).toBe(195);
      expect(dup.policy).toBe('last in file order');
      expect(printed).toMatch(/WARN\s+UTILITY2\s+service_points_conflicting_addresses/);
    });
  });

  it('holds back every row of an interval key whose rows disagree, and counts them', async () => {
    await withDuckDb(async ({ query }) => {
      const [k] = await query(`
        SELECT count(*) FILTER (WHERE v > 1) AS conflict_keys, sum(n) FILTER (WHERE v > 1) AS conflict_rows, count(*) FILTER (WHERE q > 1) AS mixed_quality
        FROM (SELECT meter_id, channel, timestamp, count(*) AS n, count(DISTINCT value) AS v, count(DISTINCT quality) AS q FROM ${U2_INTERVALS} GROUP BY ALL)`);
      expect(k.mixed_quality).toBeGreaterThan(0);
      const a = account('UTILITY2', 'intervals');
      expect(a.duplicates).toMatchObject({ conflictKeys: k.conflict_keys, conflictRows: k.conflict_rows, arbitraryKeys: 0 });
      expect(a.duplicates!.policy).toMatch(/^quarantine/);
      expect(a.rejectedByReason[quarantineReason]).toBe(k.conflict_rows);
      const [held] = await query(`SELECT count(*) AS n FROM ${parquetGlob(out, 'rejects', 'intervals')} WHERE utility_id = 'UTILITY2' AND reason = '${quarantineReason}'`);
      expect(held.n).toBe(k.conflict_rows);
      // what is published has one value per key, never a pick among disagreeing rows
      const [pub] = await query(`SELECT count(*) AS n FROM ${std('intervals')} WHERE utility_id = 'UTILITY2'`);
      expect(pub.n).toBe(a.written);
      expect(a.written).toBeGreaterThan(0);
    });
  });

  it('leaves reads that predate every installation of their meter without a service point', async () => {
    await withDuckDb(async ({ query }) => {
      const first = `(SELECT meter_id, min(CAST(installed_at AS TIMESTAMPTZ)) AS first FROM ${U2_METERS} GROUP BY ALL)`;
      const [rawBefore] = await query(`SELECT count(*) AS n FROM ${U2_INTERVALS} i JOIN ${first} m USING (meter_id) WHERE strptime(i.timestamp, '%Y%m%d') < m.first::TIMESTAMP`);
      expect(rawBefore.n).toBeGreaterThan(0);
      const [placed] = await query(`
        SELECT count(*) FILTER (WHERE i.service_point_id IS NOT NULL) AS placed, count(*) AS n
        FROM ${std('intervals')} i JOIN ${first} m USING (meter_id) WHERE i.utility_id = 'UTILITY2' AND i.interval_start_ts < m.first`);
      expect(placed.placed).toBe(0);
    });
  });
});

describe('the Product on the meter history', () => {
  it('takes meter attributes from the installation in effect at each interval, not the latest one', async () => {
    await withDuckDb(async ({ query }) => {
      const product = parquetGlob(out, 'product', 'usage_interval_internal');
      // independently: the raw installation row with the latest installed_at at or before the start
      const [r] = await query(`
        WITH inst AS (SELECT meter_id, meter_number, meter_type, CAST(installed_at AS TIMESTAMPTZ) AS installed,
                        CAST(NULLIF(removed_at, '') AS TIMESTAMPTZ) AS removed FROM ${U2_METERS}),
             p AS (SELECT meter_id, interval_start_ts, serial_number, meter_type FROM ${product} WHERE utility_id = 'UTILITY2' AND meter_known),
             want AS (SELECT p.meter_id, p.interval_start_ts, arg_max(i.meter_number, i.installed) AS serial, arg_max(i.meter_type, i.installed) AS type,
                        arg_max(i.removed, i.installed) AS removed
                      FROM p LEFT JOIN inst i ON i.meter_id = p.meter_id AND i.installed <= p.interval_start_ts GROUP BY ALL),
             latest AS (SELECT meter_id, meter_type FROM ${std('meters')} WHERE utility_id = 'UTILITY2')
        SELECT count(*) AS n,
          count(*) FILTER (WHERE (w.removed IS NULL OR w.removed > p.interval_start_ts) AND (p.serial_number IS DISTINCT FROM w.serial OR p.meter_type IS DISTINCT FROM w.type)) AS wrong,
          count(*) FILTER (WHERE w.serial IS NULL AND p.serial_number IS NOT NULL) AS before_first,
          count(*) FILTER (WHERE p.meter_type IS DISTINCT FROM l.meter_type) AS not_latest
        FROM p JOIN want w USING (meter_id, interval_start_ts) JOIN latest l USING (meter_id)`);
      expect(r.n).toBeGreaterThan(0);
      expect(r.wrong).toBe(0);
      expect(r.before_first).toBe(0);
      expect(r.not_latest).toBeGreaterThan(0); // rows whose meter had another type in its latest installation
    });
  });
});

describe('the external Product carries no raw identifier', () => {
  it('replaces service point and meter ids and numbers by keyed pseudonyms, stable so tables still join', async () => {
    await withDuckDb(async ({ query }) => {
      const ext = parquetGlob(out, 'product', 'usage_interval');
      const int = parquetGlob(out, 'product', 'usage_interval_internal');
      const key = process.env.GRIDFLOW_PSEUDONYM_KEY!;
      const [raw] = await query(`
        SELECT count(*) FILTER (WHERE e.service_point_id IN (SELECT service_point_id FROM ${std('service_points')})) AS raw_sp,
          count(*) FILTER (WHERE e.meter_id IN (SELECT meter_id FROM ${std('meters')})) AS raw_meter,
          count(*) FILTER (WHERE e.service_point_number IN (SELECT service_point_number FROM ${std('service_points')})) AS raw_number,
          count(*) FILTER (WHERE NOT regexp_full_match(e.meter_id, '[0-9a-f]{64}')) AS not_hex,
          count(*) FILTER (WHERE e.street IS NOT NULL AND e.street <> '***') AS street,
          count(*) FILTER (WHERE length(e.zip) > 3) AS zip5,
          count(*) FILTER (WHERE e.city IS NOT NULL) AS city
        FROM ${ext} e`);
      expect(raw).toMatchObject({ raw_sp: 0, raw_meter: 0, raw_number: 0, not_hex: 0, street: 0, zip5: 0 });
      expect(raw.city).toBeGreaterThan(0); // the city stays
      // the same id gives the same pseudonym in every row (apps can join), and it is the documented HMAC
      const sample = await query(`SELECT DISTINCT i.meter_id AS id, e.meter_id AS p FROM ${int} i JOIN ${ext} e USING (utility_id, source_file, source_line) LIMIT 5`);
      const { createHmac } = await import('node:crypto');
      for (const r of sample) expect(r.p).toBe(createHmac('sha256', key).update(r.id).digest('hex'));
      const [per] = await query(`SELECT max(n) AS n FROM (SELECT i.meter_id, count(DISTINCT e.meter_id) AS n FROM ${int} i JOIN ${ext} e USING (utility_id, source_file, source_line) GROUP BY ALL)`);
      expect(per.n).toBe(1);
    });
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { withDuckDb } from '../helpers/duckdb.ts';
import { publishedDir } from '../helpers/published.ts';

/**
 * What a run publishes on the sample data, with the shipped rules plus rules that sample rows of the
 * PII tables (service points before and after dedupe, the Product) and quarantine one service point:
 * no engine `__` column anywhere, and no full address or ZIP in what apps read.
 */
const t = tempDir('gridflow-privacy-');
const out = path.join(t.dir, 'out');
/** The current output set of the run: where every published file is read. */
const set = publishedDir(out);
const EXTRA_RULES = `
  - { name: sp_all_zips, table: service_points, type: expression, expr: "zip = 'none'", severity: warn }
  - { name: sp_before_dedupe, table: service_points, type: duplicates, columns: [service_point_id], before_dedupe: true, severity: warn }
  - { name: product_all_zips, table: usage_interval, type: expression, expr: "zip = 'none'", severity: warn }
  - { name: sp_quarantine_one, table: service_points, type: expression, expr: "service_point_id != 'SP-02931749'", action: quarantine, severity: warn }
`;

const glob = (rel: string) => `'${set}/${rel}/**/*.parquet'`;
const read = (rel: string) => `read_parquet(${glob(rel)}, hive_partitioning = true, union_by_name = true)`;

beforeAll(async () => {
  const rules = t.write('rules.yaml', readFileSync('dq/rules.yaml', 'utf8').trimEnd() + '\n' + EXTRA_RULES);
  const r = await cli('run', '-q', '--mapping', 'mappings/utility1.yaml', '--mapping', 'mappings/utility2.yaml', '--out', out, '--rules', rules, '--run-date', '2025-03-01');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
});

describe('published outputs and privacy', () => {
  test('no Parquet file of the run has a column, or a stored record a key, starting with __', async () => {
    await withDuckDb(async ({ query }) => {
      const columns = await query(`SELECT DISTINCT name FROM parquet_schema(${glob('')}) WHERE name <> 'duckdb_schema'`);
      expect(columns.length).toBeGreaterThan(10);
      expect(columns.filter((c) => c.name.startsWith('__'))).toEqual([]);
      // Every layer with stored rows as JSON: failure samples (both levels), quarantine, rejects.
      for (const layer of ['dq/failures', 'internal/dq/failures', 'internal/quarantine', 'internal/rejects']) {
        const keys = await query(`SELECT DISTINCT unnest(json_keys(record)) AS k FROM ${read(layer)}`);
        expect(keys.length, layer).toBeGreaterThan(0);
        expect(keys.filter((k) => k.k.startsWith('__')), layer).toEqual([]);
      }
      // The rule checking rows before dedupe stored its sample (the case that used to leak __file …),
      // with the table's own columns, each once.
      const [before] = await query(`SELECT count(*) AS n, any_value(json_keys(record)) AS keys FROM ${read('dq/failures')} WHERE rule = 'sp_before_dedupe'`);
      expect(before.n).toBeGreaterThan(0);
      expect(before.keys).toEqual(expect.arrayContaining(['utility_id', 'service_point_id', 'street', 'zip', 'source_file', 'source_line']));
      expect(before.keys.filter((k: string) => k.startsWith('utility_id'))).toEqual(['utility_id']);
    });
  });

  test('rejects, quarantine and full failure samples live under internal/ only', () => {
    for (const layer of ['rejects', 'quarantine']) expect(existsSync(path.join(set, layer)), layer).toBe(false);
    for (const layer of ['internal/rejects/intervals', 'internal/quarantine/service_points', 'internal/dq/failures', 'dq/failures'])
      expect(existsSync(path.join(set, layer)), layer).toBe(true);
  });

  test('the external files (product/usage_interval, experience, dq/failures) hold no full street or ZIP', async () => {
    await withDuckDb(async ({ query }) => {
      const sp = read('standardized/service_points');
      await query(`CREATE TABLE streets AS SELECT DISTINCT street FROM ${sp} WHERE street IS NOT NULL AND length(street) > 5`);
      const [n] = await query(`SELECT count(*) AS n, count(*) FILTER (WHERE length(zip) > 3) AS zips FROM ${sp}`);
      expect(n.zips).toBeGreaterThan(900);
      // The internal level holds them (so the checks below are not vacuous) …
      const internal = `(SELECT rule, json_extract_string(record, '$.street') AS street, json_extract_string(record, '$.zip') AS zip FROM ${read('internal/dq/failures')})`;
      const [full] = await query(`SELECT count(*) FILTER (WHERE length(zip) = 5) AS zips, count(*) FILTER (WHERE street IN (SELECT street FROM streets)) AS streets FROM ${internal} WHERE rule IN ('sp_all_zips', 'product_all_zips', 'sp_before_dedupe')`);
      expect(full.zips).toBeGreaterThan(100);
      expect(full.streets).toBeGreaterThan(100);
      // … the external level masks them: ZIP3 and a redacted street, for every rule on a PII table.
      const external = `(SELECT rule, json_extract_string(record, '$.street') AS street, json_extract_string(record, '$.zip') AS zip FROM ${read('dq/failures')})`;
      const masked = await query(`SELECT DISTINCT rule, length(zip) AS zip_length, street FROM ${external} WHERE zip IS NOT NULL ORDER BY 1, 2`);
      expect(masked.map((r) => r.rule)).toEqual(expect.arrayContaining(['product_all_zips', 'sp_all_zips']));
      expect(masked.filter((r) => r.zip_length > 3 || (r.street !== null && r.street !== '***'))).toEqual([]);
      const [product] = await query(`SELECT count(*) AS n FROM ${read('product/usage_interval')} WHERE length(zip) > 3 OR street <> '***'`);
      expect(product.n).toBe(0);
      // No full street anywhere in any external row, whatever the column (rows as JSON text).
      for (const layer of ['product/usage_interval', 'experience', 'dq/failures']) {
        const [leak] = await query(`SELECT count(*) AS n FROM (SELECT CAST(to_json(x) AS VARCHAR) AS j FROM ${read(layer)} x) r JOIN streets s ON contains(r.j, s.street)`);
        expect(leak.n, layer).toBe(0);
      }
    });
  });
});

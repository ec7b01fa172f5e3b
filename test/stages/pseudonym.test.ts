import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { duckdbDialect } from '../../engine/sql/duckdb-dialect.ts';
import { sparkDialect } from '../../engine/sql/spark-dialect.ts';
import { hmacPads, readPseudonymKey } from '../../engine/util/pseudonym-key.ts';
import { withDuckDb } from '../helpers/duckdb.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { pseudonymJoins, pseudonymStatement } from '../../engine/stages/pseudonym-sql.ts';
import { maskedColumns } from '../../engine/stages/usage-interval-sql.ts';

const ids = ['SP-00049518', '0045123', '11201000012345', 'MTR-12345678', 'é-ünïcode', ''];

describe('pseudonyms (HMAC-SHA-256 in SQL)', () => {
  for (const key of ['k'.repeat(32), 'a longer key than one SHA-256 block of sixty-four bytes, hashed first by HMAC']) {
    test(`DuckDB's value equals Node's createHmac (${key.length}-byte key)`, async () => {
      const pads = hmacPads(Buffer.from(key));
      await withDuckDb(async ({ query }) => {
        const rows = await query(
          `SELECT id, ${duckdbDialect.hmacSha256Hex('id', pads.ipad, pads.opad)} AS h FROM (VALUES ${ids.map((i) => `(${duckdbDialect.string(i)})`).join(', ')}) t(id)`,
        );
        for (const r of rows) expect(r.h, r.id).toBe(createHmac('sha256', key).update(r.id, 'utf8').digest('hex'));
      });
    });
  }

  test('looked up from the distinct meter identifiers, or hashed when absent: the same values', async () => {
    const key = 'k'.repeat(40);
    const pads = hmacPads(Buffer.from(key));
    const d = duckdbDialect;
    const lookup = pseudonymStatement(d, ['meters'], pads)!;
    const known = ids.slice(0, 3);
    const select = maskedColumns(d, [{ name: 'meter_id', pii: 'identifier' }], { identifier: 'pseudonym' }, pads, true);
    await withDuckDb(async ({ query, engine }) => {
      const values = (xs: string[]) => xs.map((i) => `(${d.string(i)})`).join(', ');
      await engine.run(`CREATE TEMP TABLE gf_std_meters AS SELECT * FROM (VALUES ${values(known)}) t(meter_id)`);
      await engine.run(`ALTER TABLE gf_std_meters ADD COLUMN serial_number VARCHAR`);
      await engine.run(`ALTER TABLE gf_std_meters ADD COLUMN service_point_id VARCHAR`);
      await engine.run(lookup.sql);
      expect((await query(`SELECT count(*) AS n FROM gf_pseudonyms`))[0].n).toBe(known.length);
      const rows = await query(
        `SELECT t.meter_id AS id, ${select[0]} FROM (SELECT * FROM (VALUES ${values(ids)}, (NULL)) v(meter_id)) t\n` +
          pseudonymJoins(d, ['meter_id']).join('\n'),
      );
      expect(rows).toHaveLength(ids.length + 1);
      for (const r of rows) expect(r.meter_id, r.id).toBe(r.id === null ? null : createHmac('sha256', key).update(r.id, 'utf8').digest('hex'));
    });
  });

  test('Spark computes it from sha2, unhex and encode', () => {
    expect(sparkDialect.hmacSha256Hex('`id`', 'aa', 'bb')).toBe("sha2(concat(unhex('bb'), unhex(sha2(concat(unhex('aa'), encode(CAST(`id` AS STRING), 'UTF-8')), 256))), 256)");
  });

  test('the key comes from a file (one trailing newline dropped) or the variable', () => {
    const t = tempDir();
    const f = t.write('key', 'from-a-file-0123456789-0123456789\n');
    expect(readPseudonymKey(f, {})!.toString()).toBe('from-a-file-0123456789-0123456789');
    expect(readPseudonymKey(undefined, { GRIDFLOW_PSEUDONYM_KEY: 'env-key' })!.toString()).toBe('env-key');
    expect(readPseudonymKey(undefined, {})).toBeUndefined();
  });

  test('a run without the key refuses to start and publishes nothing', async () => {
    const t = tempDir();
    const out = path.join(t.dir, 'out');
    const saved = process.env.GRIDFLOW_PSEUDONYM_KEY;
    delete process.env.GRIDFLOW_PSEUDONYM_KEY;
    try {
      const r = await cli('run', '-q', '--mapping', 'mappings/utility1.yaml', '--out', out);
      expect(r.code).toBe(2);
      expect(r.err).toContain('error [pseudonym-key-missing]');
      expect(r.err).toContain('--pseudonym-key-file');
      expect(existsSync(path.join(out, 'product'))).toBe(false);
      const short = await cli('run', '-q', '--mapping', 'mappings/utility1.yaml', '--out', out, '--pseudonym-key-file', t.write('k', 'short'));
      expect(short.code).toBe(2);
      expect(short.err).toContain('the pseudonym key has 5 bytes; at least 32 are needed');
    } finally {
      process.env.GRIDFLOW_PSEUDONYM_KEY = saved;
    }
  });
});

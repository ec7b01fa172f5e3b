import { beforeAll, describe, expect, it } from 'vitest';
import { openSpark } from '../../../engine/engines/spark-engine.ts';
import type { Engine } from '../../../engine/engines/engine.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sparkDialect } from '../../../engine/sql/spark-dialect.ts';
import { requireSpark, skipSpark, sparkOptions } from '../spark-setup.ts';

const minutes = 60_000;

// The runner's working tables (runner.py): empty tables from a column list, inserts (constants, queries)
// and deletes keep every row, and a table or a view is a snapshot of the tables it was computed from.
describe.skipIf(skipSpark)('working tables on the Spark runner', () => {
  let spark: Engine;
  beforeAll(async () => {
    requireSpark();
    spark = await openSpark(sparkOptions);
  }, 5 * minutes);

  const rows = (sql: string) => spark.query(sql);

  const slow = { timeout: 5 * minutes };

  it('an empty table from a column list, then inserts of constants and of queries, keep every row', slow, async () => {
    await spark.run('CREATE OR REPLACE TEMP TABLE gf_t_pieces (k BIGINT, v VARCHAR)');
    expect(await rows('SELECT count(*) AS n FROM gf_t_pieces')).toEqual([{ n: 0 }]);
    // Twenty inserts, each one a new checkpoint of the table.
    for (let i = 0; i < 20; i++) await spark.run(`INSERT INTO gf_t_pieces VALUES (${i}, 'c${i}')`);
    await spark.run("INSERT INTO gf_t_pieces SELECT id + 100, concat('q', id) FROM range(3)");
    const all = await rows('SELECT k, v FROM gf_t_pieces ORDER BY k');
    expect(all).toHaveLength(23);
    expect(all.slice(0, 2)).toEqual([{ k: 0, v: 'c0' }, { k: 1, v: 'c1' }]);
    expect(all.slice(-3)).toEqual([{ k: 100, v: 'q0' }, { k: 101, v: 'q1' }, { k: 102, v: 'q2' }]);
    await spark.run('DELETE FROM gf_t_pieces WHERE k >= 100');
    expect(await rows('SELECT count(*) AS n, max(k) AS m FROM gf_t_pieces')).toEqual([{ n: 20, m: 19 }]);
    await spark.run('DELETE FROM gf_t_pieces');
    expect(await rows('SELECT count(*) AS n FROM gf_t_pieces')).toEqual([{ n: 0 }]);
    await spark.run('DROP TABLE IF EXISTS gf_t_pieces');
  });

  it('a table is a snapshot: replacing a table it was computed from does not change it', slow, async () => {
    await spark.run('CREATE OR REPLACE TEMP TABLE gf_t_src AS SELECT id AS k FROM range(5)');
    await spark.run('CREATE OR REPLACE TEMP TABLE gf_t_dst AS SELECT k FROM gf_t_src WHERE k > 1');
    await spark.run('INSERT INTO gf_t_dst SELECT k + 10 FROM gf_t_src');
    await spark.run('CREATE OR REPLACE TEMP TABLE gf_t_src AS SELECT id AS k FROM range(1)');
    expect(await rows('SELECT count(*) AS n, sum(k) AS s FROM gf_t_dst')).toEqual([{ n: 8, s: 9 + 60 }]);
    await spark.run('DROP TABLE IF EXISTS gf_t_src; DROP TABLE IF EXISTS gf_t_dst');
  });

  it('inserts are computed when the table is read: every read sees the rows inserted before it', slow, async () => {
    await spark.run('CREATE OR REPLACE TEMP TABLE gf_t_d AS SELECT id AS k FROM range(2)');
    await spark.run('INSERT INTO gf_t_d SELECT id + 10 FROM range(2)');
    expect(await rows('SELECT count(*) AS n FROM gf_t_d')).toEqual([{ n: 4 }]);
    await spark.run('INSERT INTO gf_t_d SELECT id + 20 FROM range(1)');
    // New rows computed from the table itself, then a view of it: each reads the rows so far.
    await spark.run('INSERT INTO gf_t_d SELECT k + 100 FROM gf_t_d');
    await spark.run('CREATE OR REPLACE TEMP VIEW gf_t_dv AS SELECT count(*) AS n, max(k) AS m FROM gf_t_d');
    await spark.run('INSERT INTO gf_t_d SELECT id + 1000 FROM range(1)');
    expect(await rows('SELECT n, m FROM gf_t_dv')).toEqual([{ n: 10, m: 120 }]);
    expect(await rows('SELECT count(*) AS n, max(k) AS m FROM gf_t_d')).toEqual([{ n: 11, m: 1000 }]);
    await spark.run('DROP TABLE IF EXISTS gf_t_d; DROP VIEW IF EXISTS gf_t_dv');
  });

  it('a view is a snapshot too, and is dropped like a table', slow, async () => {
    await spark.run('CREATE OR REPLACE TEMP TABLE gf_t_vsrc AS SELECT id AS k FROM range(4)');
    await spark.run('CREATE OR REPLACE TEMP VIEW gf_t_view AS SELECT k * 2 AS k2 FROM gf_t_vsrc WHERE k > 0');
    await spark.run('DELETE FROM gf_t_vsrc WHERE k > 1');
    await spark.run('DROP TABLE IF EXISTS gf_t_vsrc');
    expect(await rows('SELECT count(*) AS n, sum(k2) AS s FROM gf_t_view')).toEqual([{ n: 3, s: 12 }]);
    await spark.run('DROP TABLE IF EXISTS gf_t_view');
    await expect(rows('SELECT * FROM gf_t_view')).rejects.toThrow(/TABLE_OR_VIEW_NOT_FOUND/);
  });

  it('a CSV load: the well-formed rows numbered and parsed, the malformed lines apart', slow, async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gf-spark-load-')), 'in.csv');
    writeFileSync(file, 'a,b\n1,x\n2\n\n3,NA\n4,"q,r"\n');
    const csv = { delimiter: ',', quote: '"', escape: '"', header: true, encoding: 'utf-8', nulls: ['NA'] };
    await spark.run(sparkDialect.loadCsv('gf_t_raw', 'gf_t_err', file, ['a', 'b'], csv));
    expect(await rows('SELECT __src_line AS l, a, b FROM gf_t_raw ORDER BY l')).toEqual([
      { l: 2, a: '1', b: 'x' },
      { l: 5, a: '3', b: null },
      { l: 6, a: '4', b: 'q,r' },
    ]);
    expect(await rows('SELECT * FROM gf_t_err')).toEqual([
      { line: 3, error_type: 'MISSING COLUMNS', error_message: 'MISSING COLUMNS', csv_line: '2' },
    ]);
    await expect(rows('SELECT * FROM gf_t_raw__lines')).rejects.toThrow(/TABLE_OR_VIEW_NOT_FOUND/);
    await spark.run('DROP TABLE IF EXISTS gf_t_raw; DROP TABLE IF EXISTS gf_t_err');
  });
});

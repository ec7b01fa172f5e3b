import { beforeAll, describe, expect, it } from 'vitest';
import { openSpark } from '../../../engine/engines/spark-engine.ts';
import type { Engine } from '../../../engine/engines/engine.ts';
import { requireSpark, skipSpark, sparkOptions } from '../spark-setup.ts';

const minutes = 60_000;

// The runner's working tables (runner.py): empty tables from a column list, inserts (constants, queries)
// and deletes keep every row, and a table is a snapshot of the tables it was computed from.
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
});

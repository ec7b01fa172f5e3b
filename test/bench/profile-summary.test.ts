import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { openDuckDb } from '../../engine/engines/duckdb-engine.ts';
import { formatProfiles, readProfiles } from '../../bench/profile-summary.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('statement profiles (bench --profile)', () => {
  test('one numbered profile per statement, in run order, read back with its slowest operators', async () => {
    const { dir } = tempDir('gridflow-profile-');
    const engine = await openDuckDb({ threads: 2, profileDir: dir });
    try {
      await engine.run('CREATE TEMP TABLE t AS SELECT range % 7 AS k, range AS v FROM range(100000)');
      await engine.run('SET preserve_insertion_order = false');
      await engine.query("SELECT 'k' || k AS g, sum(v) AS s FROM t GROUP BY g");
      await engine.run('CREATE TEMP TABLE u AS SELECT * FROM t WHERE v > 10', { unordered: true });
    } finally {
      engine.close();
    }
    expect(readdirSync(dir).sort()).toEqual(['0001.json', '0003.json', '0004.json']);
    const figures = readProfiles(dir);
    expect(figures.map((f) => f.statement.slice(0, 22))).toEqual([
      'CREATE TEMP TABLE t AS',
      "SELECT 'k' || k AS g, ",
      'CREATE TEMP TABLE u AS',
    ]);
    expect(figures[1].operators.map((o) => o.operator)).toContain('HASH_GROUP_BY');
    expect(figures[1].operators.find((o) => o.operator === 'HASH_GROUP_BY')?.rows).toBe(7);
    const text = formatProfiles(figures, 2, 1);
    expect(text.split('\n')[0]).toMatch(/^3 statements, [\d.]+ s in all; the 2 slowest:$/);
    expect(text.split('\n')).toHaveLength(5);
  });
});

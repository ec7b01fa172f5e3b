import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/tmp.ts';

const emit = (dir: string, ...more: string[]) => cli('compile', '-m', 'mappings/utility1.yaml', '--emit', dir, ...more);

describe('compile --emit: where it writes', () => {
  it('refuses a non-empty folder that is not an earlier emit, and writes nothing', async () => {
    const { dir, write } = tempDir();
    write('notes.txt', 'mine');
    const r = await emit(dir, '--dialect', 'databricks');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('emit-dir-not-empty');
    expect(r.err).toContain('.gridflow-emit.json');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('refuses other dialects, saying what each means', async () => {
    const { dir } = tempDir();
    const duckdb = await emit(path.join(dir, 'a'));
    expect(duckdb.code).not.toBe(0);
    expect(duckdb.err).toContain('emit-dialect');
    expect(duckdb.err).toContain('gridflow run');
    const spark = await emit(path.join(dir, 'b'), '--dialect', 'spark');
    expect(spark.err).toContain('--engine spark');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('replaces an earlier emit, removing its files that are gone, and touches nothing outside the folder', async () => {
    const { dir, write } = tempDir();
    const job = path.join(dir, 'job');
    write('beside.txt', 'untouched');
    expect((await emit(job, '--dialect', 'databricks')).code).toBe(0);
    // An earlier emit that had one more file.
    const marker = path.join(job, '.gridflow-emit.json');
    const m = JSON.parse(readFileSync(marker, 'utf8'));
    writeFileSync(marker, JSON.stringify({ ...m, files: [...m.files, 'sql/old/999-gone.sql'] }));
    write('job/sql/old/999-gone.sql', 'SELECT 1;');
    const again = await emit(job, '--dialect', 'databricks');
    expect(again.code).toBe(0);
    expect(existsSync(path.join(job, 'sql/old'))).toBe(false);
    expect(JSON.parse(readFileSync(marker, 'utf8')).files).toEqual(m.files);
    expect(readdirSync(dir).sort()).toEqual(['beside.txt', 'job']);
    expect(readFileSync(path.join(dir, 'beside.txt'), 'utf8')).toBe('untouched');
  });

  it('refuses --emit with --sql-only', async () => {
    const { dir } = tempDir();
    const r = await emit(dir, '--dialect', 'databricks', '--sql-only');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('--sql-only');
  });
});

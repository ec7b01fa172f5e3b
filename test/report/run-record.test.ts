import { mkdirSync, symlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedSetDir } from '../../engine/report/published-set.ts';
import { latestRunRecord } from '../../engine/report/run-record.ts';
import { tempDir } from '../helpers/tmp.ts';

const record = (runId: string) =>
  JSON.stringify({ runId, accounts: [], stages: [], timings: [], published: [], seconds: 1 });

describe('which set and which run the report reads', () => {
  it('sets directly under --out: the folder itself, and the newest run record', () => {
    const { dir, write } = tempDir();
    const old = write('_runs/b-old.json', record('b-old'));
    write('_runs/a-new.json', record('a-new'));
    utimesSync(old, new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(publishedSetDir(dir)).toBe(dir);
    expect(latestRunRecord(dir)?.runId).toBe('a-new');
  });

  it("versioned sets: the set behind `current`, and that set's run record", () => {
    const { dir, write } = tempDir();
    write('_runs/r1.json', record('r1'));
    write('_runs/r2.json', record('r2'));
    mkdirSync(path.join(dir, 'versions', 'r1'), { recursive: true });
    symlinkSync(path.join('versions', 'r1'), path.join(dir, 'current'));
    expect(publishedSetDir(dir)).toBe(path.join(dir, 'current'));
    expect(latestRunRecord(dir)?.runId).toBe('r1');
  });

  it('no record: nothing', () => {
    expect(latestRunRecord(tempDir().dir)).toBeUndefined();
  });
});

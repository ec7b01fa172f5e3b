import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { carryOver, pruneVersions, recoverInterrupted } from '../../engine/run/output-set.ts';
import { tempDir } from '../helpers/tmp.ts';

const touch = (f: string, text = 'x') => (mkdirSync(path.dirname(f), { recursive: true }), writeFileSync(f, text));

/** An output folder with complete sets named by their age order (a oldest), `current` → `cur`. */
function outWith(sets: string[], cur?: string): string {
  const out = tempDir('gridflow-sets-').dir;
  sets.forEach((name, i) => {
    touch(path.join(out, 'versions', name, 'standardized', 'meters', 'utility_id=T', 'data_0.parquet'));
    const at = new Date(Date.UTC(2026, 0, 1 + i));
    utimesSync(path.join(out, 'versions', name), at, at);
  });
  if (cur) symlinkSync(path.join('versions', cur), path.join(out, 'current'));
  return out;
}
const versions = (out: string) => readdirSync(path.join(out, 'versions')).sort();

describe('output sets', () => {
  test('carry-over hard-links the folders of utilities the run does not cover, at any layer depth', () => {
    const { dir } = tempDir('gridflow-carry-');
    const [prev, next] = [path.join(dir, 'prev'), path.join(dir, 'next')];
    touch(path.join(prev, 'standardized', 'intervals', 'utility_id=A', 'data_0.parquet'), 'A old');
    touch(path.join(prev, 'standardized', 'intervals', 'utility_id=B', 'data_0.parquet'), 'B');
    touch(path.join(prev, 'internal', 'rejects', 'intervals', 'utility_id=B', 'month=2025-01', 'data_0.parquet'), 'B rejects');
    touch(path.join(next, 'standardized', 'intervals', 'utility_id=A', 'data_0.parquet'), 'A new');
    let calls = 0;
    expect(carryOver(prev, next, new Set(['A']), () => calls++)).toBe(2);
    expect(calls).toBe(2);
    const files = (readdirSync(next, { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet')).sort();
    expect(files).toEqual([
      'internal/rejects/intervals/utility_id=B/month=2025-01/data_0.parquet',
      'standardized/intervals/utility_id=A/data_0.parquet',
      'standardized/intervals/utility_id=B/data_0.parquet',
    ]);
    const ino = (root: string, f: string) => statSync(path.join(root, f)).ino;
    expect(ino(next, files[0])).toBe(ino(prev, files[0]));
    expect(ino(next, files[1])).not.toBe(ino(prev, files[1]));
  });

  test('pruning keeps current and the N newest older sets, and never a set newer than current', () => {
    const out = outWith(['a', 'b', 'c', 'd', 'e'], 'd');
    expect(pruneVersions(out, 1).sort()).toEqual(['a', 'b']);
    expect(versions(out)).toEqual(['c', 'd', 'e']);
    expect(pruneVersions(out, 0)).toEqual(['c']);
    expect(versions(out)).toEqual(['d', 'e']);
  });

  test('recovery removes incomplete sets, a pending pointer and sets completed but never switched to', () => {
    const out = outWith(['a', 'b', 'c'], 'b');
    touch(path.join(out, 'versions', '.incomplete-x', 'standardized', 'f.parquet'));
    symlinkSync('versions/c', path.join(out, '.current-c'));
    expect(recoverInterrupted(out).sort()).toEqual(['.current-c', 'versions/.incomplete-x', 'versions/c']);
    expect(versions(out)).toEqual(['a', 'b']);
    expect(recoverInterrupted(out)).toEqual([]);
  });

  test('without a current pointer, recovery removes no complete set', () => {
    const out = outWith(['a', 'b']);
    touch(path.join(out, 'versions', '.incomplete-x', 'f'));
    expect(recoverInterrupted(out)).toEqual(['versions/.incomplete-x']);
    expect(versions(out)).toEqual(['a', 'b']);
    expect(existsSync(path.join(out, 'current'))).toBe(false);
  });
});

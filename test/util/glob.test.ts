import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { expandGlob } from '../../engine/util/glob.ts';
import { tempDir } from '../helpers/tmp.ts';

const t = tempDir();
for (const f of ['x1.csv', 'x2.csv', 'x[1].csv', 'a/b.csv', 'a/c/d.csv', 'q?.csv', 'qz.csv', 'notes.txt'])
  t.write(f, 'h\n1\n');
const names = (pattern: string) => expandGlob(path.join(t.dir, pattern)).map((f) => path.relative(t.dir, f));

describe('source globs', () => {
  test('*, ? and ** with sorted output, files only', () => {
    expect(names('*.csv')).toEqual(['q?.csv', 'qz.csv', 'x1.csv', 'x2.csv', 'x[1].csv']);
    expect(names('**/*.csv')).toEqual(['a/b.csv', 'a/c/d.csv', 'q?.csv', 'qz.csv', 'x1.csv', 'x2.csv', 'x[1].csv']);
    expect(names('a/**/d.csv')).toEqual(['a/c/d.csv']);
    expect(names('x?.csv')).toEqual(['x1.csv', 'x2.csv']);
  });

  test('[...] is a character class; an existing file name or an escaped bracket is literal', () => {
    expect(names('x[12].csv')).toEqual(['x1.csv', 'x2.csv']);
    expect(names('x[0-1].csv')).toEqual(['x1.csv']);
    expect(names('x[1].csv')).toEqual(['x[1].csv']);
    expect(names('x\\[1\\].csv')).toEqual(['x[1].csv']);
    expect(names('q?.csv')).toEqual(['q?.csv']);
    expect(names('x[.csv')).toEqual([]);
    expect(names('missing.csv')).toEqual([]);
  });
});

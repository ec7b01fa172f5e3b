import { describe, expect, test } from 'vitest';
import { scanLines } from '../../engine/read/scan-lines.ts';
import { DEFAULT_CSV } from '../../engine/read/resolve-sources.ts';
import { tempDir } from '../helpers/tmp.ts';

const t = tempDir();
const scan = (text: string | Buffer, chunk?: number, columns = 2) =>
  scanLines(t.write(`f${Math.random()}.csv`, text), DEFAULT_CSV, columns, chunk);

/** The same facts computed the plain way, on the whole text. */
function reference(text: string, columns: number) {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  const data = lines.slice(1);
  const wide = data.flatMap((l, i) =>
    l.endsWith(',') && l.replace(/"[^"]*"/g, '').split(',').length > columns ? [i + 2] : [],
  );
  return {
    records: data.filter((l) => l !== '').length,
    blank: data.flatMap((l, i) => (l === '' ? [i + 2] : [])),
    wide,
  };
}

describe('line scan', () => {
  test('counts like a plain split, across chunk ends of every size', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let k = 0; k < 40; k++) {
      const nl = ['\n', '\r\n', '\r'][k % 3];
      const rows = Array.from({ length: 30 + rnd(30) }, () =>
        rnd(6) === 0 ? '' : rnd(5) === 0 ? `"a,${rnd(9)}",b,` : `x${'y'.repeat(rnd(12))},${rnd(99)}`,
      );
      const text = ['h1,h2', ...rows].join(nl) + (k % 2 ? nl : '');
      const s = scan(text, 1 + rnd(9));
      const want = reference(text, 2);
      expect(s.records).toBe(want.records);
      expect(s.notable.filter((n) => n.kind === 'blank').map((n) => n.line)).toEqual(want.blank);
      expect(s.notable.filter((n) => n.kind === 'wide').map((n) => n.line)).toEqual(want.wide);
      expect(s.mixedEndings).toBeUndefined();
    }
  });

  test('wide lines count fields outside quotes and keep their text', () => {
    const s = scan('a,b\n1,2,\n"x,y",\n"p""q,",2,\n1,\n', 3);
    expect(s.notable).toEqual([
      { line: 2, kind: 'wide', bytes: 4, text: '1,2,' },
      { line: 4, kind: 'wide', bytes: 10, text: '"p""q,",2,' },
    ]);
  });

  test('lines over the reader limit, and the first line ending that differs', () => {
    const s = scan(`a,b\r\n1,${'x'.repeat(2_000_001)}\r\n2,3\n4,5\r6,7\r\n`);
    expect(s.notable).toEqual([{ line: 2, kind: 'long', bytes: 2_000_003 }]);
    expect(s.records).toBe(4);
    expect(s.mixedEndings).toEqual({ line: 3, ending: 'LF', first: 'CR LF', firstLine: 1 });
    expect(scan('a,b\n1,2\r3,4\n', 4).mixedEndings).toEqual({ line: 2, ending: 'CR', first: 'LF', firstLine: 1 });
  });
});

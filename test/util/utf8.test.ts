import { describe, expect, test } from 'vitest';
import { firstInvalidUtf8, lineColumnAt } from '../../engine/util/utf8.ts';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('firstInvalidUtf8', () => {
  test('valid UTF-8, ASCII and multi-byte, has no invalid offset', () => {
    expect(firstInvalidUtf8(Buffer.from('Église, 東京, 😀\n', 'utf8'))).toBeUndefined();
  });

  test('a Latin-1 byte is found at its offset', () => {
    expect(firstInvalidUtf8(bytes('ab,\xe9t\xe9'))).toBe(3);
    expect(firstInvalidUtf8(bytes('\xff'))).toBe(0);
  });

  test('overlong forms and surrogates are invalid', () => {
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
  });

  test('a character cut at the end of a prefix is valid, unless the buffer is the whole file', () => {
    const cut = Buffer.from('x€', 'utf8').subarray(0, 3);
    expect(firstInvalidUtf8(cut)).toBeUndefined();
    expect(firstInvalidUtf8(cut, false)).toBe(1);
  });

  test('lineColumnAt gives the 1-based line and byte column', () => {
    const buf = bytes('a,b\nc,\xe9\n');
    expect(lineColumnAt(buf, firstInvalidUtf8(buf)!)).toEqual({ line: 2, column: 3 });
  });
});

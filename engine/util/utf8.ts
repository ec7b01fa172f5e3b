/** Where a byte prefix of a file stops being valid UTF-8 (for the encoding sniffers of `validate` and `init`). */

/** The length of the UTF-8 sequence a lead byte starts, or 0 when the byte cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether the sequence of n bytes at i is well formed (no overlong form, no surrogate, nothing past U+10FFFF). */
function wellFormed(buf: Uint8Array, i: number, n: number): boolean {
  for (let k = 1; k < n; k++) if ((buf[i + k] & 0xc0) !== 0x80) return false;
  if (n < 2) return true;
  const second = buf[i + 1];
  if (buf[i] === 0xe0) return second >= 0xa0;
  if (buf[i] === 0xed) return second < 0xa0;
  if (buf[i] === 0xf0) return second >= 0x90;
  if (buf[i] === 0xf4) return second < 0x90;
  return true;
}

/**
 * The byte offset of the first invalid UTF-8 sequence in `buf`, or undefined when it is valid. With `cut`
 * (the buffer is a prefix of a longer file), a character cut at the end of the buffer is not an error.
 */
export function firstInvalidUtf8(buf: Uint8Array, cut = true): number | undefined {
  let i = 0;
  while (i < buf.length) {
    const n = sequenceLength(buf[i]);
    if (n === 0) return i;
    if (i + n > buf.length) return cut && wellFormed(buf, i, buf.length - i) ? undefined : i;
    if (n > 1 && !wellFormed(buf, i, n)) return i;
    i += n;
  }
  return undefined;
}

/** The 1-based line and column (in bytes) of a byte offset. */
export function lineColumnAt(buf: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

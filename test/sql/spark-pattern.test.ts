import { describe, expect, it } from 'vitest';
import { lenientWidths } from '../../engine/sql/spark-pattern.ts';

describe('strftime widths for Spark', () => {
  it('reads one or two digits between non-digits, fixed widths next to another number', () => {
    expect(lenientWidths('%m/%d/%Y %H:%M')).toBe('%-m/%-d/%Y %-H:%M');
    expect(lenientWidths('%Y%m%d')).toBe('%Y%m%d');
    expect(lenientWidths('%d.%m.%Y %I:%M %p')).toBe('%-d.%-m.%Y %-I:%M %p');
    expect(lenientWidths('%Y-%j')).toBe('%Y-%-j');
    expect(lenientWidths('%Y%m%d%H')).toBe('%Y%m%d%H');
    expect(lenientWidths('%H%%')).toBe('%-H%%');
  });
});

/**
 * strftime patterns for Spark's parser. DuckDB's strptime reads `%m`, `%d`, `%H`, `%I` and `%j`
 * with one digit or their full width (`7/4/2025 9:05` is `%m/%d/%Y %H:%M`); Java's `MM`, `dd`, `HH`
 * take exactly two, so such values would be rejected on Spark only. Where a directive stands between
 * non-digits, its lenient form (`%-m` → Java `M`, which reads one or two digits) is used; next to
 * another number (`%Y%m%d`) widths stay fixed, as the strict regular expression already requires.
 */
import { tokenize } from '../time/strftime.ts';

const NUMERIC = new Set(['Y', 'y', 'm', 'd', 'H', 'I', 'M', 'S', 'j', 'f']);
const LENIENT = new Set(['m', 'd', 'H', 'I', 'j']);

export function lenientWidths(strftime: string): string {
  const { tokens, error } = tokenize(strftime);
  if (error) return strftime;
  const isNum = (i: number) => {
    const t = tokens[i];
    return t !== undefined && 'directive' in t && NUMERIC.has(t.directive);
  };
  return tokens
    .map((t, i) => {
      if ('literal' in t) return t.literal === '%' ? '%%' : t.literal;
      if (t.directive === '%') return '%%';
      return LENIENT.has(t.directive) && !isNum(i - 1) && !isNum(i + 1) ? `%-${t.directive}` : `%${t.directive}`;
    })
    .join('');
}

/**
 * strftime patterns as used in mappings (`%Y%m%d`, `%m/%d/%Y %H:%M`). Engines parse leniently
 * (`2025013` passes `%Y%m%d` in DuckDB), so every pattern also gets a strict regular expression
 * that a value must match before it is parsed.
 */
const numeric: Record<string, { exact: number; min: number }> = {
  Y: { exact: 4, min: 4 },
  y: { exact: 2, min: 2 },
  m: { exact: 2, min: 1 },
  d: { exact: 2, min: 1 },
  H: { exact: 2, min: 1 },
  I: { exact: 2, min: 1 },
  M: { exact: 2, min: 2 },
  S: { exact: 2, min: 2 },
  j: { exact: 3, min: 1 },
};
const other: Record<string, string> = {
  f: '\\d{1,9}',
  p: '(?:AM|PM|am|pm)',
  b: '[A-Za-z]{3}',
  B: '[A-Za-z]+',
  a: '[A-Za-z]{3}',
  A: '[A-Za-z]+',
  z: '(?:Z|[+-]\\d{2}:?\\d{2})',
  Z: '[A-Za-z_/+-]+',
  '%': '%',
};

type Token = { directive: string } | { literal: string };

export function tokenize(pattern: string): { tokens: Token[]; error?: string } {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch !== '%') {
      tokens.push({ literal: ch });
      continue;
    }
    const d = pattern[i + 1];
    if (d === undefined) return { tokens, error: 'it ends with a lone %' };
    if (!(d in numeric) && !(d in other)) return { tokens, error: `unknown directive %${d}` };
    tokens.push({ directive: d });
    i++;
  }
  return { tokens };
}

/** Checks a pattern; returns an error text or undefined. A date needs %Y (or %y) and %m/%d (or %j/%b). */
export function checkPattern(pattern: string): string | undefined {
  const { tokens, error } = tokenize(pattern);
  if (error) return error;
  const ds = new Set(tokens.flatMap((t) => ('directive' in t ? [t.directive] : [])));
  if (!ds.has('Y') && !ds.has('y')) return 'it has no year (%Y)';
  if (!ds.has('j') && !(ds.has('m') || ds.has('b') || ds.has('B'))) return 'it has no month (%m)';
  if (!ds.has('j') && !ds.has('d')) return 'it has no day (%d)';
  return undefined;
}

export function hasOffset(pattern: string): boolean {
  return /%[zZ]/.test(pattern);
}

export function strictRegex(pattern: string): string {
  const { tokens } = tokenize(pattern);
  const isNum = (t: Token | undefined) => t !== undefined && 'directive' in t && t.directive in numeric;
  const parts = tokens.map((t, i) => {
    if ('literal' in t) return t.literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const n = numeric[t.directive];
    if (!n) return other[t.directive];
    const glued = isNum(tokens[i - 1]) || isNum(tokens[i + 1]);
    return glued || n.min === n.exact ? `\\d{${n.exact}}` : `\\d{${n.min},${n.exact}}`;
  });
  return `^${parts.join('')}$`;
}

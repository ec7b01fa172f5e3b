/**
 * Converts a strftime pattern (the dialect-neutral format used in mappings, as in DuckDB's
 * strptime) into a Java DateTimeFormatter pattern for Spark's to_timestamp/try_to_timestamp.
 * Literal text is quoted ('T'); a single quote becomes ''. Unknown directives throw.
 */
const DIRECTIVES: Record<string, string> = {
  Y: 'yyyy',
  y: 'yy',
  m: 'MM',
  '-m': 'M',
  d: 'dd',
  '-d': 'd',
  H: 'HH',
  '-H': 'H',
  I: 'hh',
  '-I': 'h',
  M: 'mm',
  '-M': 'm',
  S: 'ss',
  '-S': 's',
  f: 'SSSSSS',
  p: 'a',
  b: 'MMM',
  B: 'MMMM',
  a: 'EEE',
  A: 'EEEE',
  j: 'DDD',
  '-j': 'D',
  z: 'XXX',
};

/** Characters that are safe unquoted in a Java pattern; everything else literal gets quoted. */
const PLAIN = /[0-9 \-:/.,_+]/;

export function strftimeToJava(strftime: string): string {
  let out = '';
  let literal = '';
  const flush = (): void => {
    out += quoteLiteral(literal);
    literal = '';
  };
  for (let i = 0; i < strftime.length; i++) {
    const ch = strftime[i];
    if (ch !== '%') {
      literal += ch;
      continue;
    }
    const next = strftime[i + 1];
    if (next === '%') {
      literal += '%';
      i++;
      continue;
    }
    const key = next === '-' ? `-${strftime[i + 2] ?? ''}` : (next ?? '');
    const java = DIRECTIVES[key];
    if (java === undefined) throw new Error(`strftime directive '%${key}' has no Java DateTimeFormatter equivalent`);
    flush();
    out += java;
    i += key.length;
  }
  flush();
  return out;
}

/** Runs of plain characters stay as they are; other runs are wrapped in single quotes. */
function quoteLiteral(text: string): string {
  let out = '';
  let quoted = '';
  const close = (): void => {
    if (quoted) out += `'${quoted.replace(/'/g, "''")}'`;
    quoted = '';
  };
  for (const ch of text) {
    if (PLAIN.test(ch)) {
      close();
      out += ch;
    } else quoted += ch;
  }
  close();
  return out;
}

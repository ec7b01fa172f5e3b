import { describe, expect, test } from 'vitest';
import { checkRegex, re2Check, regexChecks } from '../../engine/sql/regex-check.ts';

describe('regular expressions are checked with the engine rules (DuckDB: RE2)', () => {
  test.each([
    ['(?<k>KWH)', 'named group (?P<k>…)'],
    ['a{1001}', 'invalid repeat count'],
    ['(a{100}){100}', 'invalid repeat count'],
    ['^KWH (?= )', 'invalid or unsupported Perl syntax'],
    ['^(K)\\1', 'invalid escape sequence'],
    ['^KWH (', 'missing closing )'],
  ])('%s is refused (%s)', (pattern, detail) => {
    expect(checkRegex('duckdb', pattern).problem).toContain(detail);
  });

  test.each([['(?i)^kwh '], ['(?P<kind>[A-Z]+)'], ['a{1000}'], ['[[:alpha:]]+'], ['\\pL'], ['(?s).'], ['\\Q.\\E']])('%s is accepted', (pattern) => {
    expect(checkRegex('duckdb', pattern).problem).toBeUndefined();
  });

  test('capture groups are counted with the same parser', () => {
    expect(re2Check('^(?P<a>x)(y)(?:z)').groups).toBe(2);
    expect(re2Check('^x').groups).toBe(0);
  });

  test('one check per dialect; a dialect without its own (Spark, Java regexes) gets the RE2 rules', () => {
    expect(Object.keys(regexChecks)).toEqual(['duckdb']);
    expect(checkRegex('spark', 'a{1001}').problem).toContain('invalid repeat count');
  });
});

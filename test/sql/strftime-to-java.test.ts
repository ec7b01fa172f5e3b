import { describe, expect, it } from 'vitest';
import { strftimeToJava } from '../../engine/sql/strftime-to-java.ts';

describe('strftimeToJava', () => {
  const CASES: [string, string][] = [
    ['%Y-%m-%d %H:%M:%S', 'yyyy-MM-dd HH:mm:ss'],
    ['%Y-%m-%dT%H:%M:%S.%f%z', "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX"],
    ['%m/%d/%y %I:%M %p', 'MM/dd/yy hh:mm a'],
    ['%d-%b-%Y', 'dd-MMM-yyyy'],
    ['%Y%m%d', 'yyyyMMdd'],
    ['%Y.%j', 'yyyy.DDD'],
    ['%-m/%-d/%Y %-H:%M', 'M/d/yyyy H:mm'],
    ['%A, %B %d', 'EEEE, MMMM dd'],
    ['at %H o\'clock', "'at' HH 'o''clock'"],
    ['100%% %Y', "100'%' yyyy"],
    ['[%Y]', "'['yyyy']'"],
  ];
  for (const [strftime, java] of CASES) {
    it(`${strftime} → ${java}`, () => expect(strftimeToJava(strftime)).toBe(java));
  }

  it('rejects directives without a Java equivalent', () => {
    expect(() => strftimeToJava('%Y %Q')).toThrow("strftime directive '%Q'");
    expect(() => strftimeToJava('%')).toThrow();
  });
});

import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { readRules } from '../../engine/read/read-rules.ts';
import { tempDir } from '../helpers/tmp.ts';

const fixtures = path.resolve('test/fixtures/data');
const mapping = (src: string, unit = '{ const: kWh }', extra = '') =>
  `utility: T\ntimezone: UTC\nintervals:\n  source: ${src}\n  columns:\n    meter_id: m\n    interval_start_ts: ts\n    duration_seconds: 900\n    value: v\n    unit: ${unit}\n${extra}`;
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('NUL bytes are refused at validation with their location', () => {
  test('a literal NUL byte in a mapping string points at the byte', () => {
    const t = tempDir();
    t.write('i.csv', 'm,ts,v\n');
    const r = readMapping(t.write('m.yaml', mapping('i.csv', '"kW\u0000h"')));
    expect(codes(r)).toEqual(['nul-in-mapping']);
    expect(r.diagnostics[0].at).toMatchObject({ line: 10, column: 14 });
  });

  test('a NUL byte in a CSV header name gives the CSV file, line and column', () => {
    const t = tempDir();
    const csv = t.write('i.csv', 'm,t\u0000s,v\nM1,2025-01-01T00:00:00Z,1\n');
    const r = readMapping(t.write('m.yaml', mapping('i.csv')));
    expect(codes(r)).toEqual(['nul-in-header']);
    expect(r.diagnostics[0].at).toEqual({ file: csv, line: 1, column: 4 });
    expect(r.diagnostics[0].message).toContain('header column 2');
  });

  test('a NUL byte in a rules file', () => {
    const t = tempDir();
    const r = readRules(t.write('r.yaml', 'rules:\n  - { table: intervals, type: not_null, columns: ["meter\\0_id"] }\n'));
    expect(codes(r)).toEqual(['nul-in-mapping']);
    expect(r.diagnostics[0].at).toMatchObject({ line: 2, column: 51 });
  });
});

describe('a file that is not what the option expects says what is wrong', () => {
  test('a rules file that is not YAML key: value pairs (like /etc/passwd)', () => {
    const t = tempDir();
    const f = t.write('passwd', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n');
    const r = readRules(f);
    expect(codes(r)).toEqual(['yaml-not-a-document']);
    expect(r.diagnostics[0].message).toBe(`${f} is not a rules file: its YAML content is a string, not key: value pairs`);
    expect(r.diagnostics[0].hint).toContain("top-level 'rules:' list");
  });

  test('a mapping given as a rules file names the rules file, not "the mapping"', () => {
    const t = tempDir();
    const r = readRules(t.write('m.yaml', mapping('i.csv')));
    expect(r.diagnostics.map((d) => d.message)).toContain("missing required key 'rules' in the rules file");
  });

  test('a folder given as a mapping says it is a folder and names the .yaml files inside', () => {
    const t = tempDir();
    t.write('a.yaml', 'x: 1\n');
    t.write('b.yml', 'x: 1\n');
    t.write('notes.txt', 'x\n');
    const r = readMapping(t.dir);
    expect(codes(r)).toEqual(['file-is-directory']);
    expect(r.diagnostics[0].message).toBe(`${t.dir} is a folder, not a file`);
    expect(r.diagnostics[0].hint).toBe(`name the files: ${path.join(t.dir, 'a.yaml')} ${path.join(t.dir, 'b.yml')}`);
  });
});

describe('depth limit and rules for other utilities', () => {
  test('a parenthesized 2,000-deep expression (the parser overflows) is expr-too-deep, not a stack error', () => {
    const t = tempDir();
    t.write('i.csv', 'm,ts,v\nM1,2025-01-01T00:00:00Z,1\n');
    let e = 'm';
    for (let i = 0; i < 2000; i++) e = `(m ?: ${e})`;
    const r = readMapping(t.write('m.yaml', mapping('i.csv').replace('meter_id: m', `meter_id: { expr: "${e}" }`)));
    expect(codes(r)).toEqual(['expr-too-deep']);
    expect(r.diagnostics[0].message).toMatch(/^expression nests too many levels deep, and the limit is 100: /);
  });

  test("a mapping's rule whose utilities names another utility is a warning, and the mapping stays valid", () => {
    const t = tempDir();
    t.write('i.csv', 'm,ts,v\nM1,2025-01-01T00:00:00Z,1\n');
    const rule = 'rules:\n  - { table: intervals, type: not_null, columns: [meter_id], utilities: [TT] }\n';
    const r = readMapping(t.write('m.yaml', mapping('i.csv', '{ const: kWh }', rule)));
    expect(r.plan).toBeDefined();
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.hint])).toEqual([['rule-other-utility', 'warning', "did you mean 'T'?"]]);
    expect(r.diagnostics[0].at).toMatchObject({ line: 12 });
  });
});

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { runPlans, CoverageFailure } from '../../engine/run/run-plans.ts';
import { DiagnosticError } from '../../engine/diagnostics/diagnostic.ts';
import type { TableAccount } from '../../engine/run/accounting.ts';
import { tempDir } from '../helpers/tmp.ts';
import { quarantineReason } from '../../engine/compile/conflicts-sql.ts';

/**
 * Each corruption applied to a copy of the sample data of utility 2; per table, `read` must be the
 * file's true record count (counted here from the file's text) and every row must be accounted for.
 */
const files = {
  service_points: 'utility2_service_points.csv',
  meters: 'utility2_meters.csv',
  intervals: 'utility2_intervals.csv',
};
type Table = keyof typeof files;

interface Case {
  name: string;
  table: Table;
  corrupt: (lines: string[]) => string[] | string;
  code: 0 | 1;
  /** Rejects of the corrupted table by reason (other tables keep their sample-data rejects: none). */
  reasons?: Record<string, number>;
  diagnostic?: string;
}

const setValue = (lines: string[], values: string[]) =>
  lines.map((l, i) => (i >= 10 && i < 10 + values.length ? l.replace(/[^,]*$/, values[i - 10]) : l));

const cases: Case[] = [
  {
    name: 'unterminated quote in intervals line 7',
    table: 'intervals',
    corrupt: (ls) => ls.map((l, i) => (i === 6 ? '"' + l : l)),
    code: 1,
    reasons: {
      'malformed row: unterminated quote': 1,
      'malformed row: inside the unterminated quote opened at line 7': 42_994,
    },
    diagnostic: 'source-lines-lost',
  },
  {
    name: 'unterminated quote in service points line 7',
    table: 'service_points',
    corrupt: (ls) => ls.map((l, i) => (i === 6 ? '"' + l : l)),
    code: 1,
    reasons: {
      'malformed row: unterminated quote': 1,
      'malformed row: inside the unterminated quote opened at line 7': 850,
    },
    diagnostic: 'source-lines-lost',
  },
  {
    name: 'a 35 MiB line in intervals',
    table: 'intervals',
    corrupt: (ls) => [...ls.slice(0, 100), `1,0,6138134,1,20250205,${'9'.repeat(35 << 20)}`, ...ls.slice(100)],
    code: 0,
    reasons: { 'malformed row: line size over maximum': 1 },
  },
  {
    name: 'a 3 MiB line in intervals',
    table: 'intervals',
    corrupt: (ls) => [...ls.slice(0, 100), `1,0,6138134,1,20250205,${'9'.repeat(3 << 20)}`, ...ls.slice(100)],
    code: 0,
    reasons: { 'malformed row: line size over maximum': 1 },
  },
  {
    name: 'an extra trailing empty field in service points',
    table: 'service_points',
    corrupt: (ls) => [...ls.slice(0, -1), 'PREM-Z,2020-01-01,12,MAIN ST, APT 4,,ALBANY,12207,', ...ls.slice(-1)],
    code: 0,
    reasons: { 'malformed row: too many columns': 1 },
  },
  {
    name: 'NaN, Infinity, -inf, 1e309 and 1e29 values in intervals',
    table: 'intervals',
    corrupt: (ls) => setValue(ls, ['NaN', 'Infinity', '-inf', '1e309', '1e29']),
    code: 0,
    reasons: { 'value: not a finite number': 4, 'value: out of range (|value| ≥ 1e29)': 1 },
  },
  {
    name: 'mixed line endings (CR LF, LF, a lone CR) in meters',
    table: 'meters',
    corrupt: (ls) =>
      ls.map((l, i) => l + (i === ls.length - 1 ? '' : i % 3 === 0 ? '\r\n' : i === 20 ? '\r' : '\n')).join(''),
    code: 1,
    diagnostic: 'source-line-endings',
  },
];

/** Data records of a file as a person counts them: the non-empty lines after the header. */
const trueCount = (file: string) =>
  readFileSync(file, 'utf8')
    .split(/\r\n|\n|\r/)
    .slice(1)
    .filter((l) => l !== '').length;

async function runCase(c: Case) {
  const t = tempDir();
  const raw = path.join(t.dir, 'data/raw/utility2');
  cpSync('data/raw/utility2', raw, { recursive: true });
  cpSync('mappings/utility2.yaml', path.join(t.dir, 'mappings/utility2.yaml'));
  const file = path.join(raw, files[c.table]);
  const out = c.corrupt(readFileSync(file, 'utf8').split('\n'));
  writeFileSync(file, typeof out === 'string' ? out : out.join('\n'));
  const { plan, diagnostics } = readMapping(path.join(t.dir, 'mappings/utility2.yaml'));
  expect(diagnostics).toEqual([]);
  try {
    const r = await runPlans([plan!], { outDir: path.join(t.dir, 'out'), engine: { threads: 2 } });
    return { code: 0, accounts: r.accounts, diagnostics: [], raw };
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    return { code: 1, accounts: e instanceof CoverageFailure ? e.accounts : [], diagnostics: e.diagnostics, raw };
  }
}

const adds = (a: TableAccount) => a.written + a.rejected + a.filtered + a.deduplicated + a.quarantined;

describe('corrupted copies of the sample data', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const r = await runCase(c);
      expect(r.code).toBe(c.code);
      if (c.diagnostic) expect(r.diagnostics.map((d) => d.code)).toEqual([c.diagnostic]);
      for (const d of r.diagnostics) expect(d.at?.file).toContain(files[c.table]);
      if (c.reasons) expect(r.accounts.map((a) => a.table)).toEqual(['service_points', 'meters', 'intervals']);
      for (const a of r.accounts) {
        expect(a.read, a.table).toBe(trueCount(path.join(r.raw, files[a.table as Table])));
        expect(a.read, a.table).toBe(adds(a));
        // Utility 2's shipped `keep: quarantine` holds back the rows of conflicting interval keys: not a corruption.
        const { [quarantineReason]: _held, ...reasons } = a.rejectedByReason;
        expect(reasons, a.table).toEqual(a.table === c.table ? c.reasons : {});
      }
    });
  }
});

/**
 * Runs compiled SQL on DuckDB and compares each row's result with what JSONata itself evaluates
 * on the same row — the compiled SQL must mean what the expression means.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import jsonata from 'jsonata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileExpression } from '../../engine/expr/compile-expression.ts';
import type { SqlType } from '../../engine/sql/dialect.ts';
import { duckdbDialect } from '../../engine/sql/duckdb-dialect.ts';

type Row = Record<string, string | number | null>;

const TYPES: [string, SqlType, string][] = [
  ['id', 'integer', 'INTEGER'],
  ['s1', 'string', 'VARCHAR'],
  ['s2', 'string', 'VARCHAR'],
  ['name', 'string', 'VARCHAR'],
  ['n1', 'integer', 'INTEGER'],
  ['n2', 'integer', 'INTEGER'],
  ['x', 'double', 'DOUBLE'],
  ['y', 'double', 'DOUBLE'],
  ['status', 'string', 'VARCHAR'],
  ['q', 'string', 'VARCHAR'],
  ['city', 'string', 'VARCHAR'],
  ['code', 'string', 'VARCHAR'],
];

const ROWS: Row[] = [
  { id: 1, s1: '12', s2: 'Main St', name: "O'Brien", n1: 3, n2: 4, x: 1.5, y: -2.25, status: 'Retired', q: 'actual', city: '  new york ', code: 'AB-123-x' },
  { id: 2, s1: '7', s2: 'Elm', name: 'smith', n1: -10, n2: 3, x: 0.1, y: 0.2, status: 'Active', q: 'estimated', city: 'Boston', code: 'CD-9' },
  { id: 3, s1: '0', s2: '', name: 'Zoë', n1: 0, n2: 7, x: 100.75, y: 3, status: 'Removed', q: 'actual', city: 'newark', code: 'nodash' },
  { id: 4, s1: '1000', s2: 'a"b', name: 'x', n1: 2147483647, n2: 2, x: -0.5, y: 10, status: 'retired', q: '', city: 'St. Paul', code: '-lead' },
  { id: 5, s1: '42', s2: 'Oak Ave', name: 'Ann', n1: 5, n2: 5, x: 2500, y: 0.001, status: 'Active', q: 'actual', city: 'New Haven', code: 'trail-' },
];

const EXPRESSIONS = [
  "s1 & ' ' & s2",
  `name & "'s meter"`,
  "s1 & '/' & n1",
  '"id-" & n1 & true',
  'n1 + n2',
  'n1 * n2',
  'n1 - n2 * 2',
  '(n1 + n2) * 2',
  'x / 4 + y',
  'n1 % n2',
  '-x',
  'x * 2.5',
  'n1 > n2',
  "x >= 0 and q != 'estimated'",
  'n1 = 0 or n2 = 5',
  'x < y or y > 5',
  "status in ['Retired', 'Removed'] ? 'inactive' : 'active'",
  'n2 in [3, 5]',
  `name = "O'Brien"`,
  "q = 'estimated' ? x",
  "s1 = '7' ? 'seven' : s1 & '?'",
  '$uppercase($trim(city))',
  '$lowercase(name)',
  '$length(s2)',
  '$substring(code, 1, 3)',
  '$substring(code, -3)',
  '$substring(code, 2)',
  "$substringBefore(code, '-')",
  "$substringAfter(code, '-')",
  "$contains(city, 'new')",
  '$contains(city, /^new/i)',
  "$string(n1) & '!'",
  '$number(s1) * 2',
  '$boolean(q)',
  '$not(n1 > 0)',
  '$exists(name)',
  '$round(y / 3, 2)',
  '$abs(y)',
  '$floor(x)',
  '$ceil(y)',
  '$power(n2, 2)',
  '$sqrt(n2)',
  "$replace(city, 'St.', 'Saint')",
  "$join([s1, s2, name], '-')",
  '$join([name, code])',
];

let conn: DuckDBConnection;
const scope = {
  columns: new Map(TYPES.map(([n, t]) => [n, t] as [string, SqlType])),
  ref: (n: string) => duckdbDialect.quoteIdent(n),
};

async function createTable(name: string, rows: Row[]): Promise<void> {
  const lit = (v: string | number | null): string =>
    v === null ? 'NULL' : typeof v === 'number' ? String(v) : duckdbDialect.string(v);
  const cols = TYPES.map(([n, , t]) => `${duckdbDialect.quoteIdent(n)} ${t}`).join(', ');
  await conn.run(`CREATE TABLE ${name} (${cols})`);
  const values = rows.map((r) => `(${TYPES.map(([n]) => lit(r[n] ?? null)).join(', ')})`).join(', ');
  await conn.run(`INSERT INTO ${name} VALUES ${values}`);
}

async function sqlResults(expr: string, table: string): Promise<unknown[]> {
  const r = compileExpression(expr, scope, duckdbDialect);
  if (!r.ok) throw new Error(`${expr}: ${JSON.stringify(r.errors)}`);
  const out = await conn.runAndReadAll(`SELECT ${r.sql} AS r FROM ${table} ORDER BY id`);
  return out.getRowObjectsJson().map((row) => row.r);
}

/** DuckDB's JSON rendering gives BIGINT as text; compare numbers as numbers with a tolerance. */
function same(actual: unknown, expected: unknown): boolean {
  if (expected === undefined || expected === null) return actual === null;
  if (typeof expected === 'number') return Math.abs(Number(actual) - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  return actual === expected;
}

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  await createTable('t', ROWS);
  // Same rows with some fields missing: NULL in SQL, absent (undefined) for JSONata.
  await createTable('t_missing', ROWS.map((r, i) => ({ ...r, [['s2', 'name', 'city', 'code', 's1'][i]]: null })));
});

afterAll(() => conn?.closeSync());

describe('DuckDB results equal JSONata results', () => {
  for (const expr of EXPRESSIONS) {
    it(expr, async () => {
      const actual = await sqlResults(expr, 't');
      const expected = await Promise.all(ROWS.map((row) => jsonata(expr).evaluate(row)));
      actual.forEach((a, i) => expect(same(a, expected[i]), `row ${i + 1}: SQL ${JSON.stringify(a)} vs JSONata ${JSON.stringify(expected[i])}`).toBe(true));
    });
  }
});

describe('missing values behave like JSONata undefined where documented', () => {
  const MISSING = [
    "s1 & ' ' & s2",
    "$join([s1, s2, name], '-')",
    '$exists(city)',
    "name ? name : 'anon'",
    "code ?? 'none'",
    "city ?: 'nowhere'",
    '$uppercase(name)',
    "$substringBefore(code, '-')",
  ];
  for (const expr of MISSING) {
    it(expr, async () => {
      const actual = await sqlResults(expr, 't_missing');
      const rows = ROWS.map((r, i) => {
        const copy: Row = { ...r };
        delete copy[['s2', 'name', 'city', 'code', 's1'][i]];
        return copy;
      });
      const expected = await Promise.all(rows.map((row) => jsonata(expr).evaluate(row)));
      actual.forEach((a, i) => expect(same(a, expected[i]), `row ${i + 1}: SQL ${JSON.stringify(a)} vs JSONata ${JSON.stringify(expected[i])}`).toBe(true));
    });
  }

  it('comparisons with a missing value are NULL (three-valued logic), not false', async () => {
    // Row 2 has no name. JSONata: `name = 'x'` → false and `$not(...)` → true; SQL keeps NULL,
    // which a filter treats as false.
    expect(await sqlResults("name = 'x'", 't_missing')).toEqual([false, null, false, true, false]);
    expect(await sqlResults("$not(name = 'x')", 't_missing')).toEqual([true, null, true, false, true]);
  });
});

describe('documented deviations from JSONata (pinned so changes are deliberate)', () => {
  it('$round rounds halves away from zero (JSONata: half to even)', async () => {
    expect(await conn.runAndReadAll(`SELECT ${compile('$round(2.5)')} AS r`).then((r) => r.getRowObjectsJson()[0].r)).toBe(3);
  });
  it('$trim trims spaces only and keeps inner runs (JSONata collapses whitespace)', async () => {
    expect(await conn.runAndReadAll(`SELECT ${compile('$trim("  a  b ")')} AS r`).then((r) => r.getRowObjectsJson()[0].r)).toBe('a  b');
  });
  it('a whole double renders with .0 in & (JSONata: no decimals)', async () => {
    expect(await conn.runAndReadAll(`SELECT ${compile('"v=" & 3.5 * 2')} AS r`).then((r) => r.getRowObjectsJson()[0].r)).toBe('v=7.0');
  });
});

function compile(expr: string): string {
  const r = compileExpression(expr, scope, duckdbDialect);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.sql;
}

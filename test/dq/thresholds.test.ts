import { describe, expect, test } from 'vitest';
import { defaultThresholds, holds, parseThreshold, statusOf } from '../../engine/plan/thresholds.ts';
import { csv, expectResult, I_HEAD, mapping, METERS, SP, workspace } from './util.ts';

describe('thresholds', () => {
  test('parse: operators, counts, percentages, spaces; == is =', () => {
    expect(parseThreshold('> 0')).toEqual({ op: '>', value: 0, percent: false, text: '> 0' });
    expect(parseThreshold('  >=10 ')).toEqual({ op: '>=', value: 10, percent: false, text: '>=10' });
    expect(parseThreshold('> 1.5 %')).toEqual({ op: '>', value: 1.5, percent: true, text: '> 1.5 %' });
    expect(parseThreshold('== 3').op).toBe('=');
    for (const op of ['<', '<=', '=', '!=']) expect(parseThreshold(`${op} 2`).op).toBe(op);
    for (const bad of ['0', '> ', 'more than 5', '> -1', '> 1e3', '=> 2', '> 5 rows']) expect(() => parseThreshold(bad), bad).toThrow(/bad threshold/);
  });

  test('bounds hold exactly as written: > is exclusive, >= inclusive', () => {
    expect(holds(parseThreshold('> 5'), 5, 100)).toBe(false);
    expect(holds(parseThreshold('> 5'), 6, 100)).toBe(true);
    expect(holds(parseThreshold('>= 5'), 5, 100)).toBe(true);
    expect(holds(parseThreshold('>= 5'), 4, 100)).toBe(false);
    expect(holds(parseThreshold('< 5'), 4, 100)).toBe(true);
    expect(holds(parseThreshold('<= 5'), 5, 100)).toBe(true);
    expect(holds(parseThreshold('= 5'), 5, 100)).toBe(true);
    expect(holds(parseThreshold('!= 5'), 5, 100)).toBe(false);
  });

  test('percentages are of the rows in scope; with no rows the percentage is 0', () => {
    expect(holds(parseThreshold('> 1%'), 2, 200)).toBe(false); // exactly 1 %
    expect(holds(parseThreshold('> 1%'), 3, 200)).toBe(true);
    expect(holds(parseThreshold('>= 1%'), 2, 200)).toBe(true);
    expect(holds(parseThreshold('> 0%'), 1, 0)).toBe(false);
    expect(holds(parseThreshold('= 0%'), 1, 0)).toBe(true);
    expect(holds(parseThreshold('> 0'), 1, 0)).toBe(true); // counts ignore the total
  });

  test('defaults: severity error (the default) → error_if > 0; warn → warn_if > 0 and no error', () => {
    const gt0 = parseThreshold('> 0');
    expect(defaultThresholds(undefined)).toEqual({ errorIf: gt0 });
    expect(defaultThresholds('error')).toEqual({ errorIf: gt0 });
    expect(defaultThresholds('warn')).toEqual({ warnIf: gt0 });
    expect(statusOf(defaultThresholds(undefined), 1, 1000)).toBe('error');
    expect(statusOf(defaultThresholds(undefined), 0, 1000)).toBe('pass');
    expect(statusOf(defaultThresholds('warn'), 1000, 1000)).toBe('warn');
  });

  test('explicit warn_if / error_if replace both defaults; error wins over warn', () => {
    expect(defaultThresholds(undefined, '> 10')).toEqual({ warnIf: parseThreshold('> 10'), errorIf: undefined });
    expect(defaultThresholds(undefined, undefined, '> 1%')).toEqual({ warnIf: undefined, errorIf: parseThreshold('> 1%') });
    const both = defaultThresholds(undefined, '> 0', '> 10');
    expect([0, 1, 10, 11].map((n) => statusOf(both, n, 100))).toEqual(['pass', 'warn', 'warn', 'error']);
    // only warn_if: never an error, however many rows fail
    expect(statusOf(defaultThresholds(undefined, '> 10'), 100, 100)).toBe('warn');
    // only error_if: below it is a pass, not a warning
    expect(statusOf(defaultThresholds(undefined, undefined, '> 10'), 10, 100)).toBe('pass');
  });

  test('end to end: error_if "> 1%" passes at exactly 1 % of the rows in scope and errors one row above', async () => {
    const hhmm = (i: number) => `${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    const rows = (negatives: number) => Array.from({ length: 200 }, (_, i) => `M1,S1,c,2025-01-01T${hhmm(i)}:00Z,${i < negatives ? -1 : 1},kWh,VAL`);
    const ws = workspace({ 'mapping.yaml': mapping(), 'sp.csv': SP, 'm.csv': METERS });
    const rules = ws.rules('rules:\n  - { name: negatives, table: intervals, type: range, column: value, min: 0, error_if: "> 1%" }\n');
    ws.write('i.csv', csv(I_HEAD, rows(2)));
    let r = await ws.run({ rules, out: `${ws.dir}/out1` });
    expectResult(r.rule('negatives'), { status: 'pass', failing: 2, total: 200 });
    ws.write('i.csv', csv(I_HEAD, rows(3)));
    r = await ws.run({ rules, out: `${ws.dir}/out2` });
    expectResult(r.rule('negatives'), { status: 'error', failing: 3, total: 200 });
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatReport, type DqReport } from '../../engine/dq/report.ts';
import type { TableAccount } from '../../engine/run/accounting.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { expectResult, ruleOf } from './util.ts';
import { quarantineReason } from '../../engine/compile/conflicts-sql.ts';

/** The shipped dq/rules.yaml on the bundled sample data reproduces the problems the data is known to have. */
const MAPPINGS = ['--mapping', 'mappings/utility1.yaml', '--mapping', 'mappings/utility2.yaml'];

describe('shipped rules on the sample data', () => {
  const t = tempDir('gridflow-dq-sample-');

  test('orphans, duplicate readings and zeros warn; nothing errors; exit 0 (1 with --warn-error)', async () => {
    const out = path.join(t.dir, 'out');
    const r = await cli('run', '-q', ...MAPPINGS, '--out', out, '--run-date', '2025-03-01', '--json');
    expect(r.code).toBe(0);
    const { dq, accounts } = JSON.parse(r.out) as { dq: DqReport; accounts: TableAccount[] };
    expect(dq.runDate).toBe('2025-03-01T00:00:00.000Z');
    expect(dq.summary).toMatchObject({ error: 0, skipped: 0 });
    for (const u of ['UTILITY1', 'UTILITY2']) {
      const coverage = ruleOf(dq.results, 'intervals_service_point_coverage', u);
      const intervals = accounts.find((a) => a.utility === u && a.table === 'intervals')!;
      const orphans = intervals.orphans['service_point_id→service_points'];
      expect(orphans).toBeGreaterThan(0);
      expectResult(coverage, { status: 'warn', failing: orphans, total: intervals.written });
      expect(ruleOf(dq.results, 'intervals_duplicate_readings', u).status).toBe('warn');
      expect(ruleOf(dq.results, 'intervals_zero_values', u).status).toBe('warn');
      // utility 1 maps every meter_category it has; utility 2 does not map customer_class (null)
      const meters = accounts.find((a) => a.utility === u && a.table === 'meters')!;
      expectResult(ruleOf(dq.results, 'meters_unknown_customer_class', u), { status: 'pass', failing: 0, total: meters.written });
    }
    const dup2 = ruleOf(dq.results, 'intervals_duplicate_readings', 'UTILITY2');
    expect(dup2.failing).toBeGreaterThan(40_000);
    // duplicates count the rows as read, before the mapping's dedupe
    const read2 = accounts.find((a) => a.utility === 'UTILITY2' && a.table === 'intervals')!;
    const held = read2.rejectedByReason[quarantineReason];
    expect(held).toBeGreaterThan(40_000); // the mapping's keep: quarantine, after the rule counted them
    expect(dup2.total).toBe(read2.read - (read2.rejected - held) - read2.filtered);
    expect(dq.results.filter((x) => x.status === 'warn').map((x) => `${x.utility}/${x.rule}`).sort()).toEqual([
      'UTILITY1/intervals_duplicate_readings',
      'UTILITY1/intervals_extreme_values',
      'UTILITY1/intervals_frozen_reads',
      'UTILITY1/intervals_gaps',
      'UTILITY1/intervals_meter_coverage',
      'UTILITY1/intervals_service_point_coverage',
      'UTILITY1/intervals_zero_values',
      'UTILITY2/intervals_duplicate_readings',
      'UTILITY2/intervals_gaps',
      'UTILITY2/intervals_meter_coverage',
      'UTILITY2/intervals_service_point_coverage',
      'UTILITY2/intervals_spikes',
      'UTILITY2/intervals_unknown_quality',
      'UTILITY2/intervals_unknown_unit',
      'UTILITY2/intervals_zero_values',
      'UTILITY2/service_points_conflicting_addresses',
    ]);
    // VEE findings: utility 1's extract holds a few reads per meter-day (561 meter-days from each
    // channel's first to its last read, 3 complete); its export channels sit at 0.001 kWh for
    // hours; utility 2's daily values jump far above their neighbours
    const vee = (rule: string, u: string) => ruleOf(dq.results, rule, u);
    expectResult(vee('intervals_gaps', 'UTILITY1'), { status: 'warn', failing: 577, total: 577, distinctKeys: 577 });
    expectResult(vee('intervals_frozen_reads', 'UTILITY1'), { status: 'warn', failing: 1_054, total: 19_695, distinctKeys: 38 });
    expectResult(vee('intervals_spikes', 'UTILITY2'), { status: 'warn', failing: 29, total: 431 });
    expectResult(vee('intervals_gaps', 'UTILITY2'), { status: 'warn', failing: 72, total: 503 });
    expectResult(vee('intervals_limits_15min_kwh', 'UTILITY1'), { status: 'pass', failing: 0, total: 13_848 });

    // the snapshot pasted in docs/dq.md is this run's (all but the run id)
    const docs = /```text\n(Data quality snapshot[\s\S]*?)\n```/.exec(readFileSync('docs/dq.md', 'utf8'))![1];
    const body = (text: string) => text.split('\n').slice(1).join('\n');
    expect(body(docs)).toBe(body(formatReport(dq)));

    // re-checking the published outputs: same warnings (less the rule before dedupe), --warn-error → 1
    expect((await cli('dq', '--out', out, '--run-date', '2025-03-01')).code).toBe(0);
    expect((await cli('dq', '--out', out, '--run-date', '2025-03-01', '--warn-error')).code).toBe(1);
    const strict = await cli('run', '-q', ...MAPPINGS, '--out', path.join(t.dir, 'strict'), '--run-date', '2025-03-01', '--warn-error');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('38 pass, 16 warn, 0 error');
  }, 180_000); // three runs and two checks of the sample data: over a minute on a loaded machine

  test('an error-severity report rule that fails gives exit 1 and still publishes', async () => {
    const text = readFileSync('mappings/utility1.yaml', 'utf8').replaceAll('../data/raw/', `${path.resolve('data/raw')}/`);
    const mapping = t.write('utility1-rules.yaml', `${text}\nrules:\n  - { table: meters, type: not_null, columns: [serial_number] }\n`);
    const out = path.join(t.dir, 'with-mapping-rule');
    const r = await cli('run', '-q', '--mapping', mapping, '--no-rules', '--out', out, '--run-date', '2025-03-01', '--json');
    expect(r.code).toBe(1);
    const { dq, published } = JSON.parse(r.out) as { dq: DqReport; published: string[] };
    expect(dq.results.map((x) => x.rule)).toEqual(['meters__not_null__serial_number']);
    expectResult(dq.results[0], { status: 'error', failing: 290, total: 290 });
    expect(published).toContain(path.join('standardized', 'meters', 'utility_id=UTILITY1'));
  });
});

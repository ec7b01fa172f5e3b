import { readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { leftovers } from '../helpers/published.ts';
import { tempDir } from '../helpers/tmp.ts';
import { fingerprint } from './util.ts';

const MAPPING =
  'utility: T\ntimezone: UTC\nintervals:\n  source: i.csv\n  columns:\n    meter_id: m\n    interval_start_ts: ts\n    duration_seconds: 900\n    value: v\n    unit: { const: kWh }\n';

/** The shipped rules: a utility's intervals that would be empty stop the publish (intervals_not_empty, action fail). */
describe('shipped rules: empty intervals', () => {
  test('a header-only intervals file stops the run (exit 1) and the previous set stays current, byte for byte', async () => {
    const t = tempDir('gridflow-empty-');
    const mapping = t.write('m.yaml', MAPPING);
    t.write('i.csv', 'm,ts,v\nM1,2025-01-01T00:00:00Z,1\nM1,2025-01-01T00:15:00Z,2\n');
    const out = path.join(t.dir, 'out');
    const run = () => cli('run', '-q', '--mapping', mapping, '--out', out, '--run-date', '2025-03-01');
    const first = await run();
    expect(first.out).toMatch(/PASS\s+T\s+intervals_not_empty\s+0\s+\[fail\]/);
    const set = readlinkSync(path.join(out, 'current'));
    const before = fingerprint(out);

    writeFileSync(path.join(t.dir, 'i.csv'), 'm,ts,v\n');
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/ERROR\s+T\s+intervals_not_empty\s+1\s+\[fail\]\s+0 rows/);
    expect(r.err).toContain('error [dq-failed] data-quality rule(s) with action fail ended in error: T/intervals_not_empty; nothing was published');
    expect(readlinkSync(path.join(out, 'current'))).toBe(set);
    expect(fingerprint(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });
});

import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { PUBLISH_STEPS, type PublishStep } from '../../engine/run/fault.ts';
import { cli } from '../helpers/cli.ts';
import { gridflowChild } from '../helpers/child.ts';
import { leftovers, publishedDir } from '../helpers/published.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * Fault injection: a real `gridflow run` in a child process is killed (SIGKILL) or made to fail at every
 * step of the publish (GRIDFLOW_FAULT); what `current` points to must then be exactly the old set or
 * exactly the new one, and the next run must succeed and leave nothing behind.
 */
const mapping = (u: string) =>
  `utility: ${u}\ntimezone: UTC\nintervals:\n  source: ${u}.csv\n  columns:\n    meter_id: m\n    interval_start_ts: ts\n    duration_seconds: 900\n    value: v\n    unit: { const: kWh }\n`;
const csv = (v: number) => `m,ts,v\nM1,2025-01-01T00:00:00Z,${v}\nM1,2025-01-01T00:15:00Z,${v + 1}\nM2,2025-01-01T00:00:00Z,${v + 2}\n`;

/** Relative path → SHA-256 of every file of the set `current` points to. */
function fingerprint(out: string): Record<string, string> {
  const root = realpathSync(publishedDir(out));
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const f = path.join(d, e);
      if (statSync(f).isDirectory()) walk(f);
      else files[path.relative(root, f)] = createHash('sha256').update(readFileSync(f)).digest('hex');
    }
  };
  walk(root);
  return files;
}

const AFTER_SWITCH: readonly PublishStep[] = ['switched', 'pruned', 'history', 'recorded'];

describe('publish under faults', () => {
  const t = tempDir('gridflow-faults-');
  const template = path.join(t.dir, 'template');
  const f = (n: string) => path.join(t.dir, n);
  const runU1 = (out: string) => ['run', '-q', '--no-rules', '--keep-versions', '0', '--mapping', f('U1.yaml'), '--out', out];
  let before: Record<string, string>;
  let after: Record<string, string>;

  beforeAll(async () => {
    for (const u of ['U1', 'U2']) t.write(`${u}.yaml`, mapping(u));
    t.write('U1.csv', csv(1));
    t.write('U2.csv', csv(10));
    const first = await cli('run', '-q', '--no-rules', '--mapping', f('U1.yaml'), '--mapping', f('U2.yaml'), '--out', template);
    expect(first.code).toBe(0);
    before = fingerprint(template);
    // The run under test re-runs U1 with new values; U2's folders are carried over from the old set.
    writeFileSync(f('U1.csv'), csv(100));
    const expected = f('expected');
    cpSync(template, expected, { recursive: true, verbatimSymlinks: true });
    expect((await cli(...runU1(expected))).code).toBe(0);
    after = fingerprint(expected);
    expect(after).not.toEqual(before);
    expect(Object.keys(after).filter((k) => k.includes('utility_id=U2'))).toEqual(Object.keys(before).filter((k) => k.includes('utility_id=U2')));
  });

  const trials = PUBLISH_STEPS.flatMap((step) => (['kill', 'error'] as const).map((how) => ({ step, how })));
  const tally = { trials: 0, mixed: 0 };

  test.each(trials)('$how at $step: the old set or the new one, then the next run succeeds', { timeout: 120_000 }, async ({ step, how }) => {
    const out = f(`out-${how}-${step}`);
    cpSync(template, out, { recursive: true, verbatimSymlinks: true });
    const r = await gridflowChild(runU1(out), { env: { GRIDFLOW_FAULT: `publish:${step}:${how}` } }).done;
    const published = AFTER_SWITCH.includes(step);
    if (how === 'kill') expect(r.signal).toBe('SIGKILL');
    else if (published) {
      expect(r.code, r.err).toBe(0);
      expect(r.err).toContain(`warning [publish-cleanup-failed] published run`);
    } else {
      expect(r.code, r.err).toBe(1);
      expect(r.err).toContain(`fault injected at publish step '${step}'`);
      expect(leftovers(out)).toEqual([]);
    }
    const seen = fingerprint(out);
    tally.trials++;
    if (JSON.stringify(seen) !== JSON.stringify(before) && JSON.stringify(seen) !== JSON.stringify(after)) tally.mixed++;
    expect(seen).toEqual(published ? after : before);

    const next = await cli(...runU1(out));
    expect(next.code, next.err).toBe(0);
    if (how === 'kill') expect(next.err).toContain('warning [out-lock-stale]');
    expect(fingerprint(out)).toEqual(after);
    expect(leftovers(out)).toEqual([]);
    expect(readdirSync(path.join(out, 'versions'))).toHaveLength(1); // --keep-versions 0
  });

  test('every trial saw the old or the new set (none mixed)', () => {
    console.log(`publish fault injection: ${tally.trials} trials, ${tally.mixed} mixed states`);
    expect(tally).toEqual({ trials: trials.length, mixed: 0 });
  });
});

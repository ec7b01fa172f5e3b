import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { gridflowChild } from '../helpers/child.ts';
import { leftovers, publishedDir } from '../helpers/published.ts';
import { tempDir } from '../helpers/tmp.ts';

const mapping = (u: string) =>
  `utility: ${u}\ntimezone: UTC\nintervals:\n  source: ${u}.csv\n  columns:\n    meter_id: m\n    interval_start_ts: ts\n    duration_seconds: 900\n    value: v\n    unit: { const: kWh }\n`;
const CSV = 'm,ts,v\nM1,2025-01-01T00:00:00Z,1\nM1,2025-01-01T00:15:00Z,2\n';

function setup() {
  const t = tempDir('gridflow-lock-');
  for (const u of ['U1', 'U2']) (t.write(`${u}.yaml`, mapping(u)), t.write(`${u}.csv`, CSV));
  const out = path.join(t.dir, 'out');
  const args = (...extra: string[]) => ['run', '--no-rules', '--mapping', path.join(t.dir, 'U1.yaml'), '--mapping', path.join(t.dir, 'U2.yaml'), '--out', out, ...extra];
  return { t, out, args, lock: path.join(out, '.lock') };
}

const published = (out: string) => (readdirSync(path.join(publishedDir(out), 'standardized', 'intervals')) as string[]).sort();

describe('one run at a time per --out', () => {
  test('two concurrent runs: the second fails at once (exit 2), or waits with --wait and runs after the first', { timeout: 180_000 }, async () => {
    const s = setup();
    const resume = path.join(s.t.dir, 'resume');
    const first = gridflowChild(s.args('-q'), { env: { GRIDFLOW_FAULT: 'publish:staged:pause', GRIDFLOW_FAULT_RESUME: resume } });
    await first.waitFor('paused at publish:staged');
    const staged = leftovers(s.out);
    expect(staged).toEqual(['.lock', expect.stringMatching(/^versions\/\.incomplete-/)]);

    const second = await gridflowChild(s.args('-q')).done;
    expect(second.code).toBe(2);
    expect(second.err).toContain(`error [out-locked] another gridflow run is writing to '${s.out}' (run `);
    expect(second.err).toContain(`pid ${first.pid} on ${os.hostname()}`);
    expect(second.err).toContain('hint: wait for it with --wait SECONDS');
    expect(leftovers(s.out)).toEqual(staged); // the first run's staging is untouched

    const third = gridflowChild(s.args('--wait', '600'));
    await third.waitFor(`waiting for the run writing to ${s.out}`);
    writeFileSync(resume, '');
    expect((await first.done).code).toBe(0);
    const firstSet = readlinkSync(path.join(s.out, 'current'));
    const r = await third.done;
    expect(r.code, r.err).toBe(0);
    expect(readlinkSync(path.join(s.out, 'current'))).not.toBe(firstSet);
    expect(readdirSync(path.join(s.out, 'versions')).map((v) => `versions/${v}`).sort()).toEqual([firstSet, readlinkSync(path.join(s.out, 'current'))].sort());
    expect(published(s.out)).toEqual(['utility_id=U1', 'utility_id=U2']);
    expect(leftovers(s.out)).toEqual([]);
  });

  test('a stale lock (its pid is gone on this host) is taken over with a warning', async () => {
    const s = setup();
    expect((await cli(...s.args('-q'))).code).toBe(0);
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(s.lock, JSON.stringify({ pid: dead, host: os.hostname(), start: '2026-01-01T00:00:00.000Z', runId: 'killed' }));
    const r = await cli(...s.args('-q'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe(`warning [out-lock-stale] removed the stale lock of a run that is gone (run killed, pid ${dead} on ${os.hostname()}, started 2026-01-01T00:00:00.000Z)`);
    expect(existsSync(s.lock)).toBe(false);
  });

  test('an empty lock file (a run killed while creating it) is stale once it is old; a lock from another host is not', async () => {
    const s = setup();
    expect((await cli(...s.args('-q'))).code).toBe(0);
    writeFileSync(s.lock, '');
    utimesSync(s.lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const r = await cli(...s.args('-q'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('warning [out-lock-stale] removed the stale lock of a run that is gone (an unreadable lock file)');

    const other = JSON.stringify({ pid: 1, host: 'elsewhere.example', start: '2026-01-01T00:00:00.000Z', runId: 'far' });
    writeFileSync(s.lock, other);
    const held = await cli(...s.args('-q'));
    expect(held.code).toBe(2);
    expect(held.err.split('\n')[0]).toBe(`error [out-locked] another gridflow run is writing to '${s.out}' (run far, pid 1 on elsewhere.example, started 2026-01-01T00:00:00.000Z)`);
    expect(held.err).toContain(`if no such run exists, remove ${s.lock}`);
  });
});

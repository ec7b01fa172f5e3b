import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { gridflowChild } from '../helpers/child.ts';
import { publishedDir } from '../helpers/published.ts';
import { tempDir } from '../helpers/tmp.ts';

const MAPPING =
  'utility: T\ntimezone: UTC\nintervals:\n  source: i.csv\n  columns:\n    meter_id: m\n    interval_start_ts: ts\n    duration_seconds: 900\n    value: v\n    unit: { const: kWh }\n';
const CSV = 'm,ts,v\nM1,2025-01-01T00:00:00Z,1\nM1,2025-01-01T00:15:00Z,2\n';

/** Relative path → SHA-256 of every file under a folder (symlinks not followed). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const f = path.join(dir, rel);
    if (statSync(f).isFile()) out[rel] = createHash('sha256').update(readFileSync(f)).digest('hex');
  }
  return out;
}

function setup() {
  const t = tempDir('gridflow-out-');
  const mapping = t.write('m.yaml', MAPPING);
  t.write('i.csv', CSV);
  return { t, run: (out: string, ...extra: string[]) => cli('run', '-q', '--no-rules', '--mapping', mapping, '--out', out, ...extra) };
}

describe('gridflow writes only into its own folders', () => {
  test("a foreign folder (files, .staging-x, standardized/…) is refused with exit 2 and left byte for byte", async () => {
    const s = setup();
    const foreign = path.join(s.t.dir, 'theirs');
    s.t.write('theirs/notes.txt', 'mine\n');
    s.t.write('theirs/.staging-x/keep.bin', 'staging of another tool');
    s.t.write('theirs/standardized/intervals/utility_id=T/data_0.parquet', 'not really parquet');
    const before = tree(foreign);
    const r = await s.run(foreign);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `error [out-foreign] '${foreign}' is not empty and is not a gridflow output folder (no .gridflow marker); nothing was written\n  hint: pass an empty or new folder with --out`,
    );
    expect(tree(foreign)).toEqual(before);
    expect(readdirSync(foreign).sort()).toEqual(['.staging-x', 'notes.txt', 'standardized']);
  });

  test('a new or empty folder gets the marker; a marked folder is written again', async () => {
    const s = setup();
    const out = path.join(s.t.dir, 'a', 'b', 'out');
    expect((await s.run(out)).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, '.gridflow'), 'utf8'))).toMatchObject({ tool: 'gridflow', format: 2 });
    expect((await s.run(out)).code).toBe(0);
    expect(readdirSync(path.join(publishedDir(out), 'standardized', 'intervals'))).toEqual(['utility_id=T']);
  });

  test('/, the home folder and the current folder or its parents are refused before anything is written', async () => {
    const s = setup();
    const cases: [string, string][] = [
      ['/', 'the root of the file system'],
      [os.homedir(), 'your home folder'],
      ['.', 'the current folder or one of its parents'],
      [path.dirname(process.cwd()), 'the current folder or one of its parents'],
    ];
    const rootBefore = readdirSync('/').sort();
    for (const [dir, why] of cases) {
      const r = await s.run(dir);
      expect(r.code, dir).toBe(2);
      expect(r.err.split('\n')[0]).toBe(`error [out-dangerous] refusing to write into '${path.resolve(dir)}': it is ${why}`);
    }
    expect(readdirSync('/').sort()).toEqual(rootBefore);
    expect(existsSync(path.join(os.homedir(), '.gridflow'))).toBe(false);
  });

  test('a folder of an earlier gridflow (flat layout) is adopted: the new set beside it, the old folders untouched', async () => {
    const s = setup();
    const out = path.join(s.t.dir, 'old');
    s.t.write('old/_runs/2025-01-01.json', '{}\n');
    s.t.write('old/_dq/history.jsonl', '');
    s.t.write('old/standardized/intervals/utility_id=T/data_0.parquet', 'old bytes');
    const before = tree(out);
    const q = await cli('query', 'SELECT 1', '--out', out);
    expect(q.code).toBe(2);
    expect(q.err).toContain(`error [out-no-set] no published output set in '${out}' (it has the flat layout of an earlier gridflow)`);
    const r = await s.run(out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`warning [out-legacy-layout] '${out}' has the flat layout of an earlier gridflow`);
    const now = tree(out);
    for (const [k, v] of Object.entries(before)) if (!k.startsWith('_')) expect(now[k], k).toBe(v);
    expect((await cli('query', 'SELECT count(*) AS n FROM intervals', '--out', out, '--format', 'csv')).out).toBe('n\n2');
  });
});

/**
 * Read-only output folders. Tests run as root, which writes through any mode bits, so the child runs as
 * `nobody` (uid 65534) on root-owned folders; a non-root user gets the folders' write bits removed.
 */
describe('a read-only --out', () => {
  const root = process.getuid?.() === 0;
  const s = setup();
  chmodSync(s.t.dir, 0o755);
  const asReader = (args: string[]) => gridflowChild(args, { spawn: root ? { uid: 65534, gid: 65534 } : {}, env: { HOME: s.t.dir } }).done;
  const chmodFolders = (dir: string, mode: number) => {
    for (const rel of ['', ...(readdirSync(dir, { recursive: true }) as string[])])
      if (statSync(path.join(dir, rel)).isDirectory()) chmodSync(path.join(dir, rel), mode);
  };

  test('run says the folder is not writable (exit 2), not ENOENT … mkdir', { timeout: 120_000 }, async () => {
    const out = path.join(s.t.dir, 'published');
    expect((await s.run(out)).code).toBe(0);
    const rules = s.t.write('rules.yaml', 'rules:\n  - { table: intervals, type: row_count, min: 1 }\n');
    if (!root) chmodFolders(s.t.dir, 0o555);
    for (const dir of [out, path.join(s.t.dir, 'new-out')]) {
      const r = await asReader(['run', '-q', '--no-rules', '--mapping', path.join(s.t.dir, 'm.yaml'), '--out', dir]);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(/^error \[out-not-writable\] the output folder '.*' is not writable \(EACCES\)\n {2}hint: /);
      expect(r.err).not.toContain('ENOENT');
    }
    expect(existsSync(path.join(s.t.dir, 'new-out'))).toBe(false);

    const dq = await asReader(['dq', '--out', out, '--rules', rules]);
    expect(dq.code, dq.err).toBe(0);
    expect(dq.out).toContain('Data quality snapshot');
    expect(dq.out).toMatch(/PASS\s+T\s+intervals__row_count/);
    expect(dq.err.trimEnd()).toBe(`warning [history-not-written] the data-quality history could not be written to ${path.join(out, '_dq', 'history.jsonl')} (EACCES); the results were not recorded`);
    if (!root) chmodFolders(s.t.dir, 0o755);
  });
});

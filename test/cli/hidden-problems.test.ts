import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const fixtures = path.resolve('test/fixtures/mappings');
const valid = path.join(fixtures, 'valid.yaml');

describe('diagnostics that used to hide the real problem (CLI)', () => {
  test('a joined table whose file is missing: run and validate report source-not-found, no crash', async () => {
    const m = path.join(fixtures, 'join_table_missing_source_broken.yaml');
    for (const r of [await cli('validate', m), await cli('run', '--mapping', m, '--out', path.join(tempDir().dir, 'out'), '-q', '--no-rules')]) {
      expect(r.code).toBe(1);
      expect(r.err).toContain('error [source-not-found]');
      expect(r.err).not.toContain('keepHistory');
      expect(r.err).not.toContain('run-failed');
    }
  });

  test('--rules on a file that is not a rules file says what is wrong with it (exit 2)', async () => {
    const t = tempDir();
    const f = t.write('passwd', 'root:x:0:0:root:/root:/bin/bash\n');
    const r = await cli('run', '--mapping', valid, '--rules', f, '--out', path.join(t.dir, 'out'), '-q');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`${f}:1:1: error [yaml-not-a-document] ${f} is not a rules file: its YAML content is a string, not key: value pairs`);
  });

  test('--mapping on a folder says it is a folder', async () => {
    const r = await cli('run', '--mapping', fixtures, '--out', path.join(tempDir().dir, 'out'), '-q');
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(`error [file-is-directory] ${fixtures} is a folder, not a file`);
    expect(r.err).toContain(path.join(fixtures, 'alias_bomb_broken.yaml'));
  });

  test('a YAML alias bomb is a located YAML diagnostic, not run-failed', async () => {
    const m = path.join(fixtures, 'alias_bomb_broken.yaml');
    const r = await cli('run', '--mapping', m, '--out', path.join(tempDir().dir, 'out'), '-q');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^${path.relative(process.cwd(), m)}:5:10: error \\[yaml-alias-limit\\] `));
  });

  test('--memory-limit below 100MB per engine thread is refused before the run, with what works', async () => {
    const out = path.join(tempDir().dir, 'out');
    const r = await cli('run', '--mapping', valid, '--out', out, '-q', '--memory-limit', '150MB', '--threads', '2');
    expect(r.code).toBe(2);
    expect(r.err).toBe('error [usage] --memory-limit 150MB is below the minimum of 200MB for 2 engine thread(s) (100MB per thread)\n  hint: use --memory-limit 200MB or --threads 1');
    expect((await cli('run', '--mapping', valid, '--out', out, '-q', '--memory-limit', '150MB', '--threads', '1')).code).toBe(0);
  });

  test('a rule for an unknown utility is SKIPPED in the snapshot with the reason (run and dq)', async () => {
    const t = tempDir();
    const rules = t.write('rules.yaml', 'rules:\n  - { name: only_x, table: intervals, type: not_null, columns: [meter_id], utilities: [FIXTURE, FIXTUER] }\n');
    const out = path.join(t.dir, 'out');
    const reason = "utilities names 'FIXTUER', which is not among the utilities checked (FIXTURE)";
    const run = await cli('run', '--mapping', valid, '--rules', rules, '--out', out, '-q');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/PASS\s+FIXTURE\s+only_x/);
    expect(run.out).toMatch(new RegExp(`SKIPPED\\s+FIXTUER\\s+only_x\\s+-\\s+${reason.replace(/[()]/g, '\\$&')}`));
    const dq = await cli('dq', '--out', out, '--rules', rules, '--json');
    expect(JSON.parse(dq.out).results).toContainEqual(expect.objectContaining({ rule: 'only_x', utility: 'FIXTUER', status: 'skipped', detail: reason }));
  });
});

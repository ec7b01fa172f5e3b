import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../engine/report/run-record.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

/** `gridflow report` rebuilds `<out>/_report/index.html` from the latest run record; the run writes it too. */
describe('gridflow report', () => {
  const { dir } = tempDir();
  const out = path.join(dir, 'out');
  const file = path.join(out, '_report', 'index.html');
  let runId: string;

  beforeAll(async () => {
    const r = await cli('run', '-q', '--mapping', 'mappings/utility1.yaml', '--out', out, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.report).toBe(file);
    runId = result.runId;
  }, 120_000);

  it('the run adds its inputs (size, SHA-256) and spike factor to its record', () => {
    const record = JSON.parse(readFileSync(path.join(out, '_runs', `${runId}.json`), 'utf8')) as RunRecord;
    expect(record.spikeFactor).toBe(2);
    expect(record.inputs!.map((i) => [i.table, i.file])).toEqual([
      ['service_points', 'data/raw/utility1/utility1_service_points.csv'],
      ['meters', 'data/raw/utility1/utility1_meters.csv'],
      ['intervals', 'data/raw/utility1/utility1_intervals.csv'],
    ]);
    for (const i of record.inputs!) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.inputs![2].bytes).toBe(readFileSync(record.inputs![2].file).length);
  });

  it('rebuilds the report of the latest run', async () => {
    rmSync(file);
    const r = await cli('report', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^wrote .*index\\.html \\(run ${runId}\\) in \\d+\\.\\d s$`));
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(`<b>${runId}</b>`);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('says what to do when the folder has no run', async () => {
    const r = await cli('report', '--out', path.join(dir, 'nothing'));
    expect(r.code).toBe(2);
    expect(r.err).toContain("no run record in '");
    expect(existsSync(path.join(dir, 'nothing'))).toBe(false);
  });
});

describe('gridflow run --no-report', () => {
  it('writes no report', async () => {
    const out = path.join(tempDir().dir, 'out');
    const r = await cli('run', '-q', '--no-report', '--mapping', 'mappings/utility1.yaml', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('report:');
    expect(existsSync(path.join(out, '_report'))).toBe(false);
  }, 120_000);
});

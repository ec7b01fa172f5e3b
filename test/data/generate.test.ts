import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, FILES, HEADERS, type Summary } from '../../data/generate.ts';

const RAW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/raw');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const files = Object.values(FILES);

/** Data lines of a generated file (BOM and header stripped). */
function dataLines(buf: Buffer): string[] {
  const lines = buf.subarray(3).toString('utf8').split('\n');
  expect(lines.pop()).toBe(''); // ends with a newline
  return lines.slice(1);
}

describe('synthetic data generator', () => {
  let tmp: string;
  let sample: Summary;
  const fresh = new Map<string, Buffer>();

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'gridflow-gen-'));
    sample = await generate({ out: path.join(tmp, 'sample') });
    for (const f of files) fresh.set(f, await readFile(path.join(tmp, 'sample', f)));
  });

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('committed data/raw is byte-identical to a fresh generation (deterministic and current)', async () => {
    for (const f of files) {
      const committed = await readFile(path.join(RAW, f));
      // compare without printing megabytes on failure
      expect(committed.equals(fresh.get(f)!), `${f} differs from a fresh generation: run npm run gen:data`).toBe(true);
    }
  });

  it('writes a BOM, the exact header and LF line endings in every file', () => {
    for (const f of files) {
      const buf = fresh.get(f)!;
      expect(buf.subarray(0, 3).equals(BOM), `${f} BOM`).toBe(true);
      const text = buf.subarray(3).toString('utf8');
      expect(text.slice(0, text.indexOf('\n')), `${f} header`).toBe(HEADERS[f]);
      expect(text.includes('\r'), `${f} has CR`).toBe(false);
      expect(text.includes('"'), `${f} has quotes`).toBe(false);
    }
  });

  it('reports row counts and sizes that match the files, sample under 5 MB', () => {
    let bytes = 0;
    for (const f of files) {
      const buf = fresh.get(f)!;
      expect(sample.files[f].rows).toBe(dataLines(buf).length);
      expect(sample.files[f].bytes).toBe(buf.length);
      bytes += buf.length;
    }
    expect(bytes).toBeLessThan(5_000_000);
    expect(sample.files[FILES.u1Intervals].rows).toBe(20_000);
    expect(sample.files[FILES.u2Intervals].rows).toBe(43_000);
  });

  it('contains the documented problems', () => {
    const p1 = sample.problems.utility1;
    expect(p1.badEmptyValueRows + p1.badNonNumericValueRows + p1.badTimestampRows).toBe(3);
    expect(p1.exactDuplicateRows).toBe(200);
    expect(p1.conflictingDuplicateRows).toBe(100);
    expect(p1.movedMeters).toBe(3);
    // the real files' facts (issue 12)
    expect(p1.fiveMinuteKwhRows).toBe(10);
    expect(p1.twoServicePointRows).toBe(2);
    expect(p1.metersOutOfOrder).toBeGreaterThan(200);
    expect(p1.zipPrefixedNumbers / p1.servicePoints).toBeGreaterThan(0.5);
    expect(sample.problems.utility2.lateInstalledMeters).toBe(3);
    expect(sample.problems.utility2.readsBeforeInstall).toBeGreaterThan(0);
    expect(sample.problems.utility2.mixedQualityKeys).toBeGreaterThan(0);

    const u1 = dataLines(fresh.get(FILES.u1Intervals)!);
    expect(u1.filter((l) => l.split(',')[4] === '').length).toBe(1);
    expect(u1.filter((l) => l.split(',')[4] === 'abc').length).toBe(1);
    expect(u1.filter((l) => l.includes('2025-02-30T25:00:00-05:00')).length).toBe(1);
    expect(u1.every((l) => l.endsWith(',null'))).toBe(true);

    const p2 = sample.problems.utility2;
    expect(p2.distinctPremises).toBe(195);
    expect(p2.distinctMeters).toBe(750);
    expect(p2.midWindowInstalls).toBe(10);
    expect(p2.repeatedKeyRows / sample.files[FILES.u2Intervals].rows).toBeCloseTo(0.86, 2);
    // meter ids are text: some have leading zeros
    const u2 = dataLines(fresh.get(FILES.u2Intervals)!);
    expect(u2.some((l) => l.split(',')[2].startsWith('0'))).toBe(true);
  });

  it('scales: rows N gives N interval rows split evenly, deterministically', async () => {
    const a = await generate({ out: path.join(tmp, 'a'), rows: 20_000 });
    expect(a.mode).toBe('scaled');
    expect(a.files[FILES.u1Intervals].rows).toBe(10_000);
    expect(a.files[FILES.u2Intervals].rows).toBe(10_000);
    expect(a.problems.utility1.meters).toBe(200);
    expect(a.problems.utility2.distinctMeters).toBe(200);
    for (const f of files) {
      const buf = await readFile(path.join(tmp, 'a', f));
      expect(buf.subarray(0, 3).equals(BOM)).toBe(true);
      expect(dataLines(buf).length).toBe(a.files[f].rows);
    }
    const b = await generate({ out: path.join(tmp, 'b'), rows: 20_000 });
    expect(b).toEqual({ ...a, out: path.join(tmp, 'b') });
    const c = await generate({ out: path.join(tmp, 'c'), rows: 20_000, seed: 7 });
    const ia = await readFile(path.join(tmp, 'a', FILES.u1Intervals));
    expect(ia.equals(await readFile(path.join(tmp, 'b', FILES.u1Intervals)))).toBe(true);
    expect(ia.equals(await readFile(path.join(tmp, 'c', FILES.u1Intervals)))).toBe(false);
    expect(c.files[FILES.u1Intervals].rows).toBe(10_000);
  });
});

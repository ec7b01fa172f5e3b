import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchData } from '../../bench/bench-data.ts';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { runPlans } from '../../engine/run/run-plans.ts';
import { DEFAULT_RULES, readRules } from '../../engine/read/read-rules.ts';
import { openDuckDb } from '../../engine/engines/duckdb-engine.ts';
import { registerPublishedViews } from '../../engine/query/published-views.ts';
import { tempDir } from '../helpers/tmp.ts';
import { publishedDir } from '../helpers/published.ts';
import { tableDigest, type TableDigest } from '../helpers/table-digest.ts';

/**
 * The published rows of the 100k smoke set (the bench's generated files, shipped mappings and rules,
 * a fixed key and run date) against a digest per table computed before the speed work (issue 11):
 * a restructuring of the SQL must publish the same rows. Tables added later are not compared; a
 * table of the fixture missing from the output fails. `GRIDFLOW_WRITE_CONTENT_FIXTURE=1` rewrites
 * the fixture (only when the outputs change on purpose).
 */
const FIXTURE = path.resolve('test/fixtures/published-content/rows-100000.json');
const KEY = Buffer.from('gridflow-published-content-fixture-key-01');

describe('published content of the 100k smoke set', () => {
  it('is unchanged, table by table', async () => {
    // A fixed folder (not a temporary one): source_file values name it.
    const data = await benchData(100_000, path.resolve('.tmp/published-content'));
    const plans = data.mappings.map((m) => readMapping(m).plan!);
    const out = path.join(tempDir().dir, 'out');
    const rules = readRules(DEFAULT_RULES).ruleSet!;
    const runDate = new Date('2025-03-01T00:00:00Z');
    await runPlans(plans, { outDir: out, rules, runDate, runId: 'fixture', pseudonymKey: KEY, engine: { threads: 2 } });
    const engine = await openDuckDb({ threads: 2 });
    try {
      const views = await registerPublishedViews(engine, publishedDir(out));
      if (process.env.GRIDFLOW_WRITE_CONTENT_FIXTURE === '1') {
        const digests: Record<string, TableDigest> = {};
        for (const v of views) digests[v] = await tableDigest(engine, v);
        writeFileSync(FIXTURE, JSON.stringify(digests, null, 2) + '\n');
      }
      const expected: Record<string, TableDigest> = JSON.parse(readFileSync(FIXTURE, 'utf8'));
      expect(Object.keys(expected).length).toBeGreaterThan(5);
      for (const [view, want] of Object.entries(expected)) {
        expect(views, `published table ${view}`).toContain(view);
        expect(await tableDigest(engine, view, want.columns), view).toEqual(want);
      }
    } finally {
      engine.close();
    }
  }, 300_000);
});

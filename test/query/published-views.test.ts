import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openEngine } from '../../engine/engines/open-engine.ts';
import { registerPublishedViews } from '../../engine/query/published-views.ts';
import { publishedDir } from '../helpers/published.ts';
import { doc, intervals, run } from '../run/util.ts';

/** The views of a run's output set, with each rejects / quarantine view's columns and row count. */
async function views(outDir: string) {
  const engine = await openEngine('duckdb');
  try {
    const names = await registerPublishedViews(engine, publishedDir(outDir));
    const describe = async (view: string) => ({
      columns: await engine.query<{ column_name: string; column_type: string }>(`DESCRIBE "${view}"`),
      rows: Number((await engine.query<{ n: bigint }>(`SELECT count(*) AS n FROM "${view}"`))[0].n),
    });
    return { names, rejects: await describe('rejects_intervals'), quarantine: await describe('quarantine_intervals') };
  } finally {
    engine.close();
  }
}

const clean = 'm,ts,v\nM1,2025-01-22T10:00:00Z,1.5\nM1,2025-01-22T10:15:00Z,2.5\n';

describe('rejects_<table> and quarantine_<table> exist whether or not the table had any', () => {
  test('a run without rejects publishes no rejects folder, and the views are empty with the same columns', async () => {
    const none = await run(doc(intervals({})), { 'i.csv': clean });
    const set = publishedDir(none.outDir);
    expect(existsSync(path.join(set, 'standardized', 'intervals'))).toBe(true);
    expect(existsSync(path.join(set, 'internal', 'rejects'))).toBe(false);
    expect(existsSync(path.join(set, 'internal', 'quarantine'))).toBe(false);
    const empty = await views(none.outDir);
    expect(empty.names).toEqual(expect.arrayContaining(['intervals', 'rejects_intervals', 'quarantine_intervals']));
    expect(empty.rejects.rows).toBe(0);

    const some = await run(doc(intervals({})), { 'i.csv': clean + 'M1,not a time,3\n' });
    expect(existsSync(path.join(publishedDir(some.outDir), 'internal', 'rejects', 'intervals'))).toBe(true);
    const full = await views(some.outDir);
    expect(full.rejects.rows).toBe(1);
    // The empty view has the columns and types a published rejects folder reads as.
    expect(empty.rejects.columns.map((c) => [c.column_name, c.column_type])).toEqual(
      full.rejects.columns.map((c) => [c.column_name, c.column_type]),
    );
    expect(empty.quarantine.columns.map((c) => c.column_name)).toEqual(
      ['table', 'rule', 'reason', 'source_file', 'source_line', 'record', 'utility_id'],
    );
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * Golden files of `gridflow compile --dialect databricks --emit DIR` for the shipped mappings: the
 * whole folder (bundle, job resource, numbered SQL files, README), as the CLI writes it. Update with
 * `npx vitest run -u test/compile/databricks-job.test.ts`.
 */
function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, path.join(rel, e.name)) : [path.join(rel, e.name)],
  );
}

for (const utility of ['utility1', 'utility2']) {
  describe(`${utility} as a Databricks job`, () => {
    it('emits the golden folder', async () => {
      const { dir } = tempDir();
      const out = path.join(dir, 'job');
      const r = await cli('compile', '-m', `mappings/${utility}.yaml`, '--dialect', 'databricks', '--emit', out);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const files = filesUnder(out).sort();
      const marker: { files: string[] } = JSON.parse(readFileSync(path.join(out, '.gridflow-emit.json'), 'utf8'));
      expect(files).toEqual(['.gridflow-emit.json', ...marker.files].sort());
      expect(r.out).toContain(`${marker.files.length} files`);
      await expect(marker.files.join('\n') + '\n').toMatchFileSnapshot(`golden/databricks-job/${utility}.files.txt`);
      for (const f of marker.files) {
        const golden = `golden/databricks-job/${utility}/${f}`;
        await expect(readFileSync(path.join(out, f), 'utf8')).toMatchFileSnapshot(golden);
      }
    });

    it('holds no literal key, no local path and no local-session form', async () => {
      const { dir } = tempDir();
      await cli('compile', '-m', `mappings/${utility}.yaml`, '--dialect', 'databricks', '--emit', dir);
      const sql = filesUnder(dir)
        .filter((f) => f.endsWith('.sql'))
        .map((f) => readFileSync(path.join(dir, f), 'utf8'))
        .join('\n');
      expect(sql).not.toMatch(/unhex\('[0-9a-f]{128}'\)/);
      expect(sql).toContain('secret(:pseudonym_scope, :pseudonym_key)');
      expect(sql).not.toContain(process.cwd());
      expect(sql).not.toMatch(/TEMP (TABLE|VIEW)|text\.`|input_file_block_start|parquet\.`/);
    });
  });
}

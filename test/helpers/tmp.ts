import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];
// Registered when a test file imports this module, so folders made inside tests are removed too.
afterAll(() => {
  for (const d of created.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary folder removed after the test file; `write` creates files inside it. */
export function tempDir(prefix = 'gridflow-'): { dir: string; write: (rel: string, text: string | Buffer) => string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return {
    dir,
    write: (rel, text) => {
      const f = path.join(dir, rel);
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, text);
      return f;
    },
  };
}

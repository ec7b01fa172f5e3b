import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commonModelMarkdown } from './common-model-doc.ts';

/** Writes the generated docs: `node bin/run-ts.js engine/model/write-docs.ts`. */
export const docsDir = fileURLToPath(new URL('../../docs/', import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  writeFileSync(path.join(docsDir, 'common-model.md'), commonModelMarkdown());
  console.log('wrote docs/common-model.md');
}

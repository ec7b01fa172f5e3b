import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { schemasDir } from './common-model.ts';
import { buildMappingSchema } from './mapping-schema.ts';

/** Writes the generated schemas (for editors and docs). `npm run gen:schemas`. */
export function mappingSchemaText(): string {
  return JSON.stringify(buildMappingSchema(), null, 2) + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  writeFileSync(path.join(schemasDir, 'mapping.schema.json'), mappingSchemaText());
  console.log('wrote schemas/mapping.schema.json');
}

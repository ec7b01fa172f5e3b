import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { schemasDir } from './common-model.ts';
import { buildMappingSchema } from './mapping-schema.ts';
import { rulesFileSchema } from './rules-schema.ts';

/** Writes the generated schemas (for editors and docs). `npm run gen:schemas`. */
export function mappingSchemaText(): string {
  return JSON.stringify(buildMappingSchema(), null, 2) + '\n';
}

export function rulesSchemaText(): string {
  return JSON.stringify(rulesFileSchema(), null, 2) + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  writeFileSync(path.join(schemasDir, 'mapping.schema.json'), mappingSchemaText());
  writeFileSync(path.join(schemasDir, 'dq-rules.schema.json'), rulesSchemaText());
  console.log('wrote schemas/mapping.schema.json and schemas/dq-rules.schema.json');
}

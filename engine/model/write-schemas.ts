import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from './common-model.ts';
import { buildMappingSchema } from './mapping-schema.ts';

/** Writes the generated schemas (for editors and docs). `npm run gen:schemas`. */
export function mappingSchemaText(): string {
  return JSON.stringify(buildMappingSchema(), null, 2) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(path.join(schemasDir, 'mapping.schema.json'), mappingSchemaText());
  console.log('wrote schemas/mapping.schema.json');
}

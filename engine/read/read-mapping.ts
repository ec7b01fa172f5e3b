import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { buildMappingSchema } from '../model/mapping-schema.ts';
import type { Plan } from '../plan/types.ts';
import { resolveMapping } from './resolve-mapping.ts';
import { validateAgainstSchema } from './validate-schema.ts';
import { loadYamlFile } from './yaml-source.ts';

/**
 * The read half: YAML file → (1) parse with positions → (2) JSON Schema → (3) resolve against the
 * common model and the real file headers → a serializable Plan. Stops after the first stage that
 * reports errors, with every diagnostic of that stage.
 */
export function readMapping(file: string): { plan?: Plan; diagnostics: Diagnostic[] } {
  const abs = path.resolve(file);
  const loaded = loadYamlFile(abs);
  if (!loaded.source) return { diagnostics: loaded.diagnostics };
  const schemaDiags = validateAgainstSchema(loaded.source, mappingSchema());
  if (schemaDiags.length) return { diagnostics: schemaDiags };
  return resolveMapping(loaded.source);
}

let schema: Record<string, unknown> | undefined;
function mappingSchema(): Record<string, unknown> {
  return (schema ??= buildMappingSchema());
}

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mappingSchemaText, rulesSchemaText } from '../../engine/model/write-schemas.ts';
import { STANDARD_TABLES, loadModelTable } from '../../engine/model/common-model.ts';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { hasErrors } from '../../engine/diagnostics/diagnostic.ts';

describe('schemas', () => {
  it('the committed mapping and rules schemas are the generated ones (run `npm run gen:schemas`)', () => {
    expect(readFileSync('schemas/mapping.schema.json', 'utf8')).toBe(mappingSchemaText());
    expect(readFileSync('schemas/dq-rules.schema.json', 'utf8')).toBe(rulesSchemaText());
  });

  it('derives column lists, types, nullability, PII tags and keys from the common-model schemas', () => {
    const intervals = loadModelTable('intervals');
    const col = (n: string) => intervals.columns.find((c) => c.name === n)!;
    expect(col('interval_start_ts')).toMatchObject({ type: 'timestamp', nullable: false, required: true });
    expect(col('value')).toMatchObject({ type: 'double', required: true });
    expect(col('duration_seconds').type).toBe('bigint');
    expect(col('meter_id').references).toEqual({ table: 'meters', column: 'meter_id' });
    const sp = loadModelTable('service_points');
    expect(sp.columns.filter((c) => c.pii).map((c) => [c.name, c.pii])).toEqual([
      ['service_point_id', 'identifier'],
      ['service_point_number', 'identifier'],
      ['house_num', 'address'],
      ['street', 'address'],
      ['house_supp', 'address'],
      ['zip', 'zip'],
    ]);
    for (const t of STANDARD_TABLES) {
      const m = loadModelTable(t);
      expect(m.columns.every((c) => c.description.length > 10), t).toBe(true);
      expect(m.key.every((k) => m.columns.some((c) => c.name === k)), t).toBe(true);
    }
  });

  it('every mapping YAML in the repo that is not marked _broken is valid', () => {
    const files = [
      ...readdirSync('mappings').map((f) => path.join('mappings', f)),
      ...readdirSync('test/fixtures/mappings').map((f) => path.join('test/fixtures/mappings', f)),
    ].filter((f) => f.endsWith('.yaml') && !f.includes('_broken'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const { diagnostics } = readMapping(f);
      expect(hasErrors(diagnostics), `${f}: ${JSON.stringify(diagnostics)}`).toBe(false);
    }
  });
});

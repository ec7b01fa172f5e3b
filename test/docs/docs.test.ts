import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commonModelMarkdown } from '../../engine/model/common-model-doc.ts';
import { buildMappingSchema } from '../../engine/model/mapping-schema.ts';
import { loadModelTable, STAGE_TABLES, STANDARD_TABLES } from '../../engine/model/common-model.ts';

/** The user docs stay in step with the code: generated parts are current, every mapping key is documented. */
const props = (node: any): string[] => Object.keys(node?.properties ?? {});

describe('docs', () => {
  it('docs/common-model.md is the generated text (run `node bin/run-ts.js engine/model/write-docs.ts`)', () => {
    expect(readFileSync('docs/common-model.md', 'utf8')).toBe(commonModelMarkdown());
  });

  it('docs/common-model.md documents every layer: each table and column of the schemas, with usage_daily semantics', () => {
    const doc = commonModelMarkdown();
    for (const heading of ['## Standardized tables', '## Product tables', '## Experience tables']) expect(doc).toContain(heading);
    for (const name of [...STANDARD_TABLES, ...STAGE_TABLES]) {
      const t = loadModelTable(name);
      const section = doc.slice(doc.indexOf(`### ${name}\n`));
      expect(section, name).toContain(t.description);
      for (const c of t.columns) expect(section, `${name}.${c.name}`).toContain(`| \`${c.name}\` |`);
    }
    // The product's access levels, and the semantics a reader of usage_daily needs.
    expect(doc).toContain('`external`: files `out/current/product/usage_interval/`');
    expect(doc).toContain('`internal`: the view `usage_interval_internal` (no files');
    expect(doc).toMatch(/`interval_count` \| bigint .*distinct interval start times/);
    expect(doc).toMatch(/`peak_usage_value` .*sum over the service point's meters at that start time/);
    expect(doc).toMatch(/`expected_interval_count` .*92 on the spring-forward day .*100 on the fall-back day/);
    expect(doc).toMatch(/`completeness` .*`interval_count` \/ `expected_interval_count`/);
  });

  it('docs/mapping.md mentions every key of the mapping schema as `key`', () => {
    const schema = buildMappingSchema() as any;
    const doc = readFileSync('docs/mapping.md', 'utf8');
    const sections: Record<string, string[]> = { root: props(schema) };
    for (const t of STANDARD_TABLES) {
      const table = schema.properties[t];
      const column = table.properties.columns.additionalProperties.oneOf[2];
      const via = column.properties.via.oneOf[0];
      Object.assign(sections, {
        [`${t} table`]: props(table),
        [`${t} column`]: props(column),
        [`${t} csv`]: props(table.properties.csv),
        [`${t} dedupe`]: props(table.properties.dedupe),
        [`${t} via hop`]: props(via),
        [`${t} add`]: props(column.properties.add),
        [`${t} match rule`]: props(column.properties.match.items),
      });
    }
    for (const [where, keys] of Object.entries(sections)) {
      expect(keys.length, where).toBeGreaterThan(0);
      const missing = keys.filter((k) => !doc.includes(`\`${k}\``));
      expect(missing, `undocumented ${where} keys`).toEqual([]);
    }
  });
});

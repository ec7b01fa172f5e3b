import { describe, expect, it } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';
import { compilePlan } from '../../engine/compile/compile-plan.ts';
import { dialects } from '../../engine/sql/dialects.ts';
import { hmacPads } from '../../engine/util/pseudonym-key.ts';

/**
 * Golden plan and SQL for the shipped mappings, per dialect side by side. A change to the compiler
 * shows up as a readable diff of these files; update them with `npx vitest run -u test/compile`.
 */
const root = process.cwd();
const normalize = (s: string) => s.split(root).join('<repo>');

for (const utility of ['utility1', 'utility2']) {
  describe(utility, () => {
    const { plan, diagnostics } = readMapping(`mappings/${utility}.yaml`);

    it('resolves to the golden plan', async () => {
      expect(diagnostics).toEqual([]);
      await expect(normalize(JSON.stringify(plan, null, 2)) + '\n').toMatchFileSnapshot(`golden/${utility}.plan.json`);
    });

    for (const name of Object.keys(dialects)) {
      it(`compiles to the golden ${name} SQL`, async () => {
        const c = compilePlan(plan!, dialects[name], { stageDir: '<out>/.staging', pseudonym: hmacPads(Buffer.from('golden-test-key-golden-test-key-0123')) });
        const text = [...[...c.statements, ...c.stageStatements].map((s) => `-- ${s.name}\n${s.sql};`), ...c.writes.map((w) => `-- write ${w.layer}/${w.table}\n${w.sql};`)].join('\n\n');
        await expect(normalize(text) + '\n').toMatchFileSnapshot(`golden/${utility}.${name}.sql`);
      });
    }
  });
}

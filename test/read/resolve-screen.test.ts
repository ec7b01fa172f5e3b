import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readMapping } from '../../engine/read/read-mapping.ts';

const fixture = (f: string) => path.resolve('test/fixtures/mappings', f);

describe('privacy_screen in a mapping', () => {
  test('rules and classes add to the defaults; suppress removes a class rule', () => {
    const { plan, diagnostics } = readMapping(fixture('screen.yaml'));
    expect(diagnostics).toEqual([]);
    expect(plan!.screen).toEqual({
      classes: {
        residential: { rule: 'ny_15_15', min_customers: 15, max_share: 0.15 },
        commercial: { rule: 'ny_6_40', min_customers: 6, max_share: 0.4 },
        all: { rule: 'strict', min_customers: 20, max_share: 0.1 },
      },
    });
  });

  test('a mapping without the section leaves the defaults to the stage', () => {
    expect(readMapping(fixture('minimal.yaml')).plan!.screen).toBeUndefined();
  });
});

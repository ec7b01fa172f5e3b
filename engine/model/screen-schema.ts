import { column, loadModelTable } from './common-model.ts';

/** Customer classes of the common model (meters.customer_class), without null. */
export function customerClasses(): string[] {
  return column(loadModelTable('meters'), 'customer_class')?.enum ?? [];
}

/** JSON Schema of a mapping's `privacy_screen` section (the rules of `usage_by_area`). */
export function screenSchema(): Record<string, unknown> {
  const rule = {
    type: 'object',
    additionalProperties: false,
    required: ['min_customers', 'max_share'],
    properties: {
      min_customers: { type: 'integer', minimum: 1, description: 'Fewest customers (service points) a cell may have.' },
      max_share: {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 1,
        description: 'Largest share of the cell total one customer may have (0.15 = 15 %), on absolute values.',
      },
    },
  };
  return {
    type: 'object',
    additionalProperties: false,
    description:
      'Privacy screen of usage_by_area. Defaults: rules ny_15_15 (15 customers, 15 %) and ny_6_40 (6, 40 %); ' +
      'classes residential → ny_15_15, small_commercial → ny_6_40, all (the all-class totals) → ny_15_15. ' +
      'Entries here add to or replace the defaults; `suppress` means no rule (every cell suppressed).',
    properties: {
      rules: { type: 'object', additionalProperties: rule, description: 'Named rules (added to the defaults).' },
      classes: {
        type: 'object',
        propertyNames: { enum: [...customerClasses(), 'all'] },
        additionalProperties: { type: 'string', minLength: 1 },
        description: 'Customer class → rule name, or `suppress`.',
      },
    },
  };
}

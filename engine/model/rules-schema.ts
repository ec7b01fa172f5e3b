import { STANDARD_TABLES, STAGE_TABLES } from './common-model.ts';

/**
 * JSON Schema of data-quality rules, used for a rules file (`dq/rules.yaml`) and for the `rules`
 * list inside a mapping. `npm run gen:schemas` writes it to schemas/dq-rules.schema.json.
 */
export const RULE_TYPES = ['not_null', 'unique', 'relationship', 'accepted_values', 'range', 'expression', 'duplicates', 'row_count', 'freshness', 'outliers', 'gaps', 'frozen', 'spike', 'limits'] as const;
/** Meter-data validation (VEE) rule types: checks along each meter channel's series of intervals. */
export const VEE_RULE_TYPES: readonly RuleType[] = ['gaps', 'frozen', 'spike', 'limits'];
export type RuleType = (typeof RULE_TYPES)[number];

const str = { type: 'string', minLength: 1 };
const strList = { type: 'array', items: str, minItems: 1 };
const threshold = { type: 'string', pattern: '^\\s*(>|>=|<|<=|=|==|!=)\\s*\\d+(\\.\\d+)?\\s*%?\\s*$', description: 'A condition on the failing rows: a count ("> 0", ">= 10") or a percentage of the rows in scope ("> 1%").' };
const limit = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { min: { type: 'number' }, max: { type: 'number' } },
};
const bound = { oneOf: [{ type: 'number' }, str], description: 'A number, a timestamp (2000-01-01), or relative to the run date: now, now - 30 days, today.' };

export function ruleSchema(): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['table', 'type'],
    properties: {
      name: { type: 'string', pattern: '^[a-z0-9_]+$', description: 'Stable name (default: derived from table, type and columns).' },
      description: { type: 'string' },
      table: { enum: [...STANDARD_TABLES, ...STAGE_TABLES], description: 'Table checked: a standardized, product or experience table.' },
      type: { enum: [...RULE_TYPES] },
      columns: { ...strList, description: 'not_null, unique, duplicates (key), relationship: the columns checked.' },
      column: { ...str, description: 'accepted_values, range, freshness, outliers: the column checked; frozen, spike, limits: the read checked (default value).' },
      values: { type: 'array', items: { type: ['string', 'number', 'boolean'] }, minItems: 1, description: 'accepted_values: the allowed values.' },
      to: {
        type: 'object',
        additionalProperties: false,
        required: ['table'],
        properties: { table: { enum: [...STANDARD_TABLES] }, columns: strList },
        description: 'relationship: the referenced table and its columns (default: the same names).',
      },
      include_nulls: { type: 'boolean', description: 'relationship: a missing key counts as an orphan (default false).' },
      min: bound,
      max: bound,
      compare: { ...strList, description: 'duplicates: columns that must agree among rows of one key (default: all other mapped columns).' },
      before_dedupe: { type: 'boolean', description: 'Check the rows as read and converted, before deduplication (default false; duplicates: true).' },
      expr: { ...str, description: 'expression: a JSONata predicate that every row must satisfy (null counts as failing).' },
      change_pct: { type: 'number', exclusiveMinimum: 0, description: 'row_count: largest allowed change against the previous run, in percent.' },
      max_age: { type: 'string', pattern: '^\\d+\\s*(minute|hour|day)s?$', description: 'freshness: how old the latest timestamp may be at the run date, e.g. "2 days".' },
      method: { enum: ['iqr', 'zscore'], description: 'outliers: interquartile range (default) or z-score.' },
      factor: { type: 'number', exclusiveMinimum: 0, description: 'outliers: k for IQR fences (default 3) or the z-score bound (default 4); spike: a read fails above factor × its neighbours\' median (default 10).' },
      group_by: { ...strList, description: 'outliers: compute the statistics per group (e.g. unit).' },
      min_run: { type: 'integer', minimum: 2, description: 'frozen: the shortest run of equal non-zero consecutive reads that fails.' },
      window: { type: 'integer', minimum: 1, maximum: 48, description: 'spike: neighbours on each side whose median a read is compared with (default 4).' },
      min_value: { type: 'number', minimum: 0, description: 'spike: a read must also exceed this in magnitude to be a spike (default 0).' },
      meter_class: { ...str, description: 'limits: the meters column whose value is the class of a meter (e.g. meter_category).' },
      limits: {
        type: 'object',
        minProperties: 1,
        additionalProperties: limit,
        description: 'limits: per class value, the min and/or max of a read (inclusive).',
      },
      default: { ...limit, description: 'limits: min/max for meters of any other class or without one (default: not checked).' },
      where: { ...str, description: 'JSONata predicate: only rows where it is true are checked.' },
      utilities: { ...strList, description: 'Only these utilities (default: all).' },
      severity: { enum: ['error', 'warn'], description: 'Default thresholds: error → error_if "> 0"; warn → warn_if "> 0" (default error).' },
      warn_if: threshold,
      error_if: threshold,
      action: { enum: ['report', 'quarantine', 'fail'], description: 'report (default), quarantine failing rows (standardized tables), or fail the run (publish nothing) when the rule ends in error.' },
    },
  };
}

export function rulesFileSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://gridflow.dev/schemas/dq-rules.schema.json',
    title: 'gridflow data-quality rules',
    description: 'Data-quality rules. Generated by engine/dq/rules-schema.ts.',
    type: 'object',
    additionalProperties: false,
    required: ['rules'],
    properties: {
      history: {
        type: 'object',
        additionalProperties: false,
        properties: { spike_factor: { type: 'number', exclusiveMinimum: 1, description: 'A rule whose failing count grows by this factor against the previous run is reported as a spike (default 2).' } },
      },
      rules: { type: 'array', items: ruleSchema() },
    },
  };
}

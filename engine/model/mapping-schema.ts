import { STANDARD_TABLES, loadModelTable } from './common-model.ts';
import { ruleSchema } from './rules-schema.ts';
import { screenSchema } from './screen-schema.ts';

/**
 * Builds the JSON Schema of a mapping file. Table and column names come from the common model, so
 * the schema never repeats them by hand; `npm run gen:schemas` writes it to
 * schemas/mapping.schema.json for editors, and a test keeps that file current.
 */
const str = { type: 'string', minLength: 1 };
const strList = { type: 'array', items: str, minItems: 1 };
const scalar = { type: ['string', 'number', 'boolean'] };

const csvOptions = {
  type: 'object',
  description: 'How the CSV files are read. Set once at the top and override per table.',
  additionalProperties: false,
  properties: {
    delimiter: { type: 'string', minLength: 1, maxLength: 1, description: 'Field separator (default `,`).' },
    quote: { type: 'string', minLength: 1, maxLength: 1, description: 'Quote character (default `"`).' },
    escape: { type: 'string', minLength: 1, maxLength: 1, description: 'Escape character inside quotes (default: the quote).' },
    header: { type: 'boolean', description: 'Whether the first line is a header (default true).' },
    names: { ...strList, description: 'Column names when `header: false`.' },
    encoding: { enum: ['utf-8', 'latin-1'], description: 'File encoding (default utf-8; a byte-order mark is skipped).' },
    nulls: { type: 'array', items: { type: 'string' }, description: 'Field values read as missing (default `[""]`).' },
  },
};

const timestampAdd = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'unit'],
  properties: {
    from: { ...str, description: 'Source column holding a count (hour of day, interval index).' },
    unit: {
      description: 'Length of one step: seconds, minutes, hours, days, or a number of seconds.',
      oneOf: [{ enum: ['seconds', 'minutes', 'hours', 'days'] }, { type: 'number', exclusiveMinimum: 0 }],
    },
    base: { type: 'integer', description: 'The count of the first step (0 by default; 1 for hour-ending 1..24).' },
  },
};

const hop = {
  type: 'object',
  additionalProperties: false,
  required: ['table', 'on'],
  properties: {
    table: { enum: [...STANDARD_TABLES], description: 'Table to join to (of the same mapping).' },
    on: {
      description: 'Join columns: a name present on both sides, or `{ this_side: other_side }`.',
      oneOf: [str, { type: 'object', minProperties: 1, additionalProperties: str }],
    },
    effective: {
      type: 'array',
      items: str,
      minItems: 1,
      maxItems: 2,
      description: 'Columns of the joined table that bound when its row applies: [from, until).',
    },
    at: { ...str, description: 'Column of this side dated against `effective` (default: the table time column).' },
  },
};

const columnObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { ...str, description: 'Source column to read.' },
    const: { ...scalar, description: 'A constant value.' },
    expr: { ...str, description: 'JSONata expression over the source columns, compiled to SQL.' },
    type: { enum: ['string', 'double', 'bigint', 'integer', 'boolean', 'timestamp', 'date'], description: 'Type to cast to (default: the common-model type).' },
    format: { ...str, description: 'Timestamp format: iso8601, epoch_seconds, epoch_millis, or a strftime pattern such as %Y%m%d.' },
    timezone: { ...str, description: 'Zone of local timestamps in this column (default: the mapping timezone).' },
    add: timestampAdd,
    ambiguous: { enum: ['earlier', 'later', 'reject'], description: 'Local time that occurs twice (fall back): which instant (default earlier).' },
    nonexistent: { enum: ['reject', 'shift_forward'], description: 'Local time skipped by spring forward (default reject).' },
    extract: { ...str, description: 'Regular expression whose first capture group is the value.' },
    map: { type: 'object', additionalProperties: scalar, description: 'Exact code → value map.' },
    match: {
      type: 'array',
      minItems: 1,
      description: 'Ordered regular-expression rules; the first that matches gives the value.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['pattern', 'value'],
        properties: { pattern: str, value: scalar },
      },
    },
    default: { ...scalar, description: 'Value when `map`/`match` do not know the code (default `unknown` on text columns).' },
    on_unknown: {
      enum: ['keep', 'reject'],
      description: 'A code `map`/`match` does not know: keep the row with the `default` (`unknown`; default on text columns) or reject it (default on other types).',
    },
    scale: { type: 'number', description: 'Multiply the number by this factor (e.g. 0.001 for Wh → kWh).' },
    required: { type: 'boolean', description: 'Reject rows where the value is missing (default: from the common model).' },
    via: {
      description: 'Join path (one or more hops) that looks the value up in other tables.',
      oneOf: [hop, { type: 'array', items: hop, minItems: 1 }],
    },
    take: { ...str, description: 'Column of the last hop to take (default: the same name).' },
  },
};

const columnSpec = {
  description: 'A source column name, a constant number/boolean, or an object.',
  oneOf: [str, { type: ['number', 'boolean'] }, columnObject],
};

function tableMapping(name: string) {
  const model = loadModelTable(name);
  const columnNames = model.columns.filter((c) => !c.lineage && c.name !== 'utility_id').map((c) => c.name);
  return {
    type: 'object',
    description: model.description,
    additionalProperties: false,
    required: ['source', 'columns'],
    properties: {
      source: { description: 'File path or glob (relative to the mapping file), or a list of them.', oneOf: [str, strList] },
      csv: csvOptions,
      columns: {
        type: 'object',
        description: `Common-model columns of ${name}, each from a source column, constant, expression or join.`,
        propertyNames: { enum: columnNames },
        additionalProperties: columnSpec,
      },
      filter: { ...str, description: 'JSONata predicate over the mapped columns; rows where it is not true are skipped (counted).' },
      dedupe: {
        type: 'object',
        additionalProperties: false,
        required: ['key'],
        properties: {
          key: { ...strList, description: 'Mapped columns that identify a row.' },
          keep: {
            enum: ['first', 'last', 'fail', 'quarantine', 'max', 'min'],
            description:
              'Which row of a duplicate key wins: first/last (by order_by, then file order; default last), the row with the max/min order_by value, none of a key whose rows disagree (quarantine: all its rows to the rejects), or fail the run.',
          },
          order_by: { oneOf: [str, strList], description: 'Columns that order duplicates before keep applies (default: file order).' },
        },
      },
    },
  };
}

export function buildMappingSchema(): Record<string, unknown> {
  const tables = Object.fromEntries(STANDARD_TABLES.map((t) => [t, tableMapping(t)]));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://gridflow.dev/schemas/mapping.schema.json',
    title: 'gridflow mapping',
    description: 'How one utility\'s files map onto the gridflow common model. Generated by engine/model/mapping-schema.ts.',
    type: 'object',
    additionalProperties: false,
    required: ['utility', 'timezone'],
    anyOf: STANDARD_TABLES.map((t) => ({ required: [t] })),
    properties: {
      utility: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', description: 'Utility id written to every row (utility_id).' },
      timezone: { ...str, description: 'IANA zone in which local timestamps of these files are read, e.g. America/New_York.' },
      description: { type: 'string' },
      csv: csvOptions,
      ...tables,
      rules: { type: 'array', items: ruleSchema(), description: 'Data-quality rules for this utility only (see docs/dq.md).' },
      privacy_screen: screenSchema(),
    },
  };
}

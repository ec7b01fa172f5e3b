import { standardTables, type ModelColumn, type ModelTable } from './common-model.ts';

/**
 * Generates docs/common-model.md from the common-model JSON Schemas (via `standardTables()`), so the
 * reference can never drift from `schemas/common-model/*.schema.json`. Written by
 * `node bin/run-ts.js engine/model/write-docs.ts`; test/docs/docs.test.ts keeps the file current.
 */
const TYPE_NAMES: Record<string, string> = {
  string: 'string',
  bigint: 'bigint',
  integer: 'integer',
  double: 'double',
  boolean: 'boolean',
  timestamp: 'timestamp (UTC)',
  date: 'date',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function mappingRole(c: ModelColumn): string {
  if (c.name === 'utility_id') return 'set from `utility`';
  if (c.lineage) return 'set by the engine';
  if (c.name === 'interval_end_ts') return 'required (computed when not mapped)';
  return c.required ? 'required' : 'optional';
}

function columnRow(c: ModelColumn): string {
  const type = TYPE_NAMES[c.type] ?? c.type;
  const values = c.enum?.length ? ` Expected values: ${c.enum.map((v) => `\`${v}\``).join(', ')} (not checked at run time).` : '';
  return [
    `\`${c.name}\``,
    type,
    c.nullable ? 'yes' : 'no',
    mappingRole(c),
    c.pii ?? '',
    c.references ? `${c.references.table}.${c.references.column}` : '',
    cell(c.description + values),
  ].join(' | ');
}

function tableSection(t: ModelTable): string {
  const lines = [
    `## ${t.name}`,
    '',
    t.description,
    '',
    `- Key: ${t.key.map((k) => `\`${k}\``).join(', ')}`,
  ];
  if (t.time) lines.push(`- Time column (default \`at\` of effective-dated joins): \`${t.time}\``);
  lines.push(
    `- Output: \`out/current/${t.layer}/${t.name}/utility_id=<UTILITY>/*.parquet\``,
    '',
    '| column | type | nullable | in a mapping | PII | references | description |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...t.columns.map((c) => `| ${columnRow(c)} |`),
  );
  return lines.join('\n');
}

export function commonModelMarkdown(): string {
  const tables = standardTables();
  const head = [
    '# Common model',
    '',
    '<!-- GENERATED from schemas/common-model/*.schema.json by engine/model/common-model-doc.ts.',
    '     Do not edit by hand: run `node bin/run-ts.js engine/model/write-docs.ts`. -->',
    '',
    'The tables every utility is standardized into. A mapping (see [mapping.md](mapping.md)) fills',
    'their columns from the utility\'s files; every table is written as Parquet, partitioned by',
    '`utility_id`.',
    '',
    '- **type**: `string`, `bigint` (64-bit integer), `double`, `timestamp (UTC)` (an instant,',
    '  Parquet `TIMESTAMP WITH TIME ZONE`, always stored in UTC).',
    '- **nullable**: whether the written column may hold nulls.',
    '- **in a mapping**: `required` columns must be mapped, and a row whose value is missing is',
    '  rejected (a column may override this with `required:`); `optional` columns are null when',
    '  not mapped; `utility_id`, `source_file` and `source_line` cannot be mapped.',
    '- **PII**: personal data tag (`address`, `zip`, `identifier`) for downstream masking: at the external level addresses are redacted, ZIPs cut to ZIP3 and identifiers replaced by keyed pseudonyms.',
    '- **references**: foreign key; written rows whose value is null or not found in the referenced',
    '  table are counted as orphans in the run accounting.',
    '',
    `Tables: ${tables.map((t) => `[${t.name}](#${t.name})`).join(', ')}.`,
  ];
  return [head.join('\n'), ...tables.map(tableSection)].join('\n\n') + '\n';
}

import { loadModelTable, STAGE_TABLES, standardTables, type ModelColumn, type ModelTable } from './common-model.ts';

/**
 * Generates docs/common-model.md from the JSON Schemas of every layer (schemas/common-model,
 * schemas/product, schemas/experience), so the reference can never drift from them: the tables'
 * and columns' semantics are their schema `description`s. Written by
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

/** What masking rules do to a value, for the access-level list. */
const MASKS: Record<string, string> = { redact: 'replaced by `***` (null stays null)', zip3: 'cut to its first 3 characters' };

/** A stage column: where it comes from (`x-from`: that column's type, description and tags). */
function stageColumnRow(t: ModelTable, c: ModelColumn): string {
  const from: string | undefined = t.schema.properties[c.name]?.['x-from'];
  const values = c.enum?.length ? ` Values: ${c.enum.map((v) => `\`${v}\``).join(', ')}.` : '';
  const type = TYPE_NAMES[c.type] ?? c.type;
  const source = from ? `\`${from}\`` : 'computed';
  return [`\`${c.name}\``, type, c.nullable ? 'yes' : 'no', c.pii ?? '', source, cell(c.description + values)].join(' | ');
}

function accessLines(t: ModelTable): string[] {
  const levels = Object.entries(t.access ?? {});
  if (!levels.length) return [];
  // Only the external level is written; the others are views over the published set (see README, Outputs).
  return [
    '- Access levels (PII columns masked by their tag):',
    ...levels.map(([level, policy]) => {
      const name = level === 'external' ? t.name : `${t.name}_${level}`;
      const rules = Object.entries(policy).map(([tag, rule]) => `\`${tag}\` ${MASKS[rule] ?? rule}`);
      const where =
        level === 'external'
          ? `files \`out/current/${t.layer}/${name}/\``
          : `the view \`${name}\` (no files: \`gridflow query\`, or the definitions ` +
            `\`out/current/${t.layer}/${name}/view.duckdb.sql\` and \`view.spark.sql\`)`;
      return `  - \`${level}\`: ${where}, ${rules.length ? rules.join('; ') : 'values as stored'}`;
    }),
  ];
}

/** A Product or Experience table: built by the run from the standardized tables, not mapped. */
function stageSection(t: ModelTable, outputs: string[]): string {
  const lines = [`### ${t.name}`, '', t.description, '', `- Key: ${t.key.map((k) => `\`${k}\``).join(', ')}`];
  const output = (o: string) => `- Output: \`out/current/${t.layer}/${o}/utility_id=<UTILITY>/month=<YYYY-MM>/*.parquet\``;
  lines.push(...outputs.map(output));
  lines.push(
    ...accessLines(t),
    '',
    '| column | type | nullable | PII | from | description |',
    '| --- | --- | --- | --- | --- | --- |',
    ...t.columns.map((c) => `| ${stageColumnRow(t, c)} |`),
  );
  return lines.join('\n');
}

function tableSection(t: ModelTable): string {
  const lines = [
    `### ${t.name}`,
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
  const stages = STAGE_TABLES.map((n) => loadModelTable(n));
  const product = stages.filter((t) => t.layer === 'product');
  const experience = stages.filter((t) => t.layer === 'experience');
  const link = (t: ModelTable) => `[${t.name}](#${t.name})`;
  const head = [
    '# Common model',
    '',
    '<!-- GENERATED from schemas/{common-model,product,experience}/*.schema.json by engine/model/common-model-doc.ts.',
    '     Do not edit by hand: run `node bin/run-ts.js engine/model/write-docs.ts`. -->',
    '',
    'The tables of every layer. The **standardized** tables are what every utility is standardized',
    'into: a mapping (see [mapping.md](mapping.md)) fills their columns from the utility\'s files. When a',
    'mapping maps `intervals`, the run builds the **product** and **experience** tables from the',
    'standardized ones (no mapping configures them). Every table is written as Parquet, partitioned by',
    '`utility_id` (the stage tables also by the local `month`).',
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
    `- Standardized: ${tables.map(link).join(', ')}.`,
    `- Product: ${product.map(link).join(', ')}.`,
    `- Experience: ${experience.map(link).join(', ')} (or \`usage_hourly\`, \`usage_monthly\`).`,
  ];
  const stageHead = [
    'Built by the run, not mapped. **from** names the standardized column a column carries (its type,',
    'description and PII tag); `computed` columns are the stage\'s own.',
  ].join('\n');
  const experienceOutputs = ['usage_daily', 'usage_hourly', 'usage_monthly'];
  return (
    [
      head.join('\n'),
      '## Standardized tables',
      ...tables.map(tableSection),
      '## Product tables',
      stageHead,
      ...product.map((t) => stageSection(t, [t.name])),
      '## Experience tables',
      stageHead,
      ...experience.map((t) => stageSection(t, t.name === 'usage_daily' ? experienceOutputs : [t.name])),
    ].join('\n\n') + '\n'
  );
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SqlType } from '../sql/dialect.ts';

/**
 * The common model, read from its JSON Schemas in `schemas/common-model/` — the one source of truth
 * for table names, column lists, types, nullability, PII tags, keys and documentation.
 */
export interface ModelColumn {
  name: string;
  type: SqlType;
  nullable: boolean;
  required: boolean;
  description: string;
  pii?: string;
  lineage: boolean;
  enum?: string[];
  /** Foreign key: `table.column` this column refers to. */
  references?: { table: string; column: string };
}

export interface ModelTable {
  name: string;
  description: string;
  layer: string;
  key: string[];
  /** The column that dates a row (used by effective-dated joins), if any. */
  time?: string;
  columns: ModelColumn[];
  schema: Record<string, unknown>;
}

export const schemasDir = fileURLToPath(new URL('../../schemas/', import.meta.url));
const modelDir = path.join(schemasDir, 'common-model');

/** Standardized tables in the order they are documented. */
export const STANDARD_TABLES = ['service_points', 'meters', 'intervals'] as const;
export type StandardTable = (typeof STANDARD_TABLES)[number];

interface JsonProp {
  type: string | string[];
  format?: string;
  description?: string;
  enum?: (string | null)[];
  'x-pii'?: string;
  'x-lineage'?: boolean;
  'x-references'?: string;
}

function sqlTypeOf(p: JsonProp): SqlType {
  const t = (Array.isArray(p.type) ? p.type : [p.type]).filter((x) => x !== 'null')[0];
  if (t === 'string') return p.format === 'date-time' ? 'timestamp' : p.format === 'date' ? 'date' : 'string';
  if (t === 'integer') return 'bigint';
  if (t === 'number') return 'double';
  if (t === 'boolean') return 'boolean';
  throw new Error(`unsupported JSON Schema type ${JSON.stringify(p.type)}`);
}

export function tableFromSchema(schema: Record<string, any>): ModelTable {
  const required = new Set<string>(schema.required ?? []);
  const columns: ModelColumn[] = Object.entries(schema.properties as Record<string, JsonProp>).map(
    ([name, p]) => ({
      name,
      type: sqlTypeOf(p),
      nullable: Array.isArray(p.type) && p.type.includes('null'),
      required: required.has(name),
      description: p.description ?? '',
      pii: p['x-pii'],
      lineage: p['x-lineage'] === true,
      enum: p.enum?.filter((v): v is string => v !== null),
      references: p['x-references'] ? { table: p['x-references'].split('.')[0], column: p['x-references'].split('.')[1] } : undefined,
    }),
  );
  return {
    name: schema.title,
    description: schema.description ?? '',
    layer: schema['x-layer'] ?? 'standardized',
    key: schema['x-key'] ?? [],
    time: schema['x-time'],
    columns,
    schema,
  };
}

const cache = new Map<string, ModelTable>();

export function loadModelTable(name: string, dir = modelDir): ModelTable {
  const file = path.join(dir, `${name}.schema.json`);
  let t = cache.get(file);
  if (!t) {
    t = tableFromSchema(JSON.parse(readFileSync(file, 'utf8')));
    cache.set(file, t);
  }
  return t;
}

export function standardTables(): ModelTable[] {
  return STANDARD_TABLES.map((n) => loadModelTable(n));
}

export function column(table: ModelTable, name: string): ModelColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

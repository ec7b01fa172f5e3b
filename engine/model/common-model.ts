import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SqlType } from './sql-type.ts';

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
  /** Access levels: for each level, how a PII tag is masked (`redact`, `zip3`); absent tags stay as they are. */
  access?: Record<string, Record<string, string>>;
  schema: Record<string, any>;
}

export const schemasDir = fileURLToPath(new URL('../../schemas/', import.meta.url));
/** Folders searched for a table's schema: the standardized common model, then the built-in stages. */
const layerDirs = ['common-model', 'product', 'experience'].map((d) => path.join(schemasDir, d));

/** Standardized tables in the order they are documented. */
export const STANDARD_TABLES = ['service_points', 'meters', 'intervals'] as const;
export type StandardTable = (typeof STANDARD_TABLES)[number];

interface JsonProp {
  type: string | string[];
  'x-from'?: string;
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

/** A property with `x-from: table.column` takes that column's type, description and tags (its own keys win). */
function inherit(p: JsonProp): JsonProp {
  if (!p['x-from']) return p;
  const [table, col] = p['x-from'].split('.');
  const src = loadModelTable(table).schema.properties[col] as JsonProp | undefined;
  if (!src) throw new Error(`x-from refers to unknown column ${p['x-from']}`);
  const { 'x-from': _, ...own } = p;
  return { ...inherit(src), 'x-references': undefined, ...own };
}

export function tableFromSchema(schema: Record<string, any>): ModelTable {
  const required = new Set<string>(schema.required ?? []);
  const props = Object.entries(schema.properties as Record<string, JsonProp>).map(([n, p]) => [n, inherit(p)] as const);
  const columns: ModelColumn[] = props.map(
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
    access: schema['x-access'],
    columns,
    schema,
  };
}

const cache = new Map<string, ModelTable>();

export function loadModelTable(name: string, dir?: string): ModelTable {
  const dirs = dir ? [dir] : layerDirs;
  const file = dirs.map((d) => path.join(d, `${name}.schema.json`)).find((f) => existsSync(f)) ?? path.join(dirs[0], `${name}.schema.json`);
  let t = cache.get(file);
  if (!t) {
    t = tableFromSchema(JSON.parse(readFileSync(file, 'utf8')));
    cache.set(file, t);
  }
  return t;
}

export const STAGE_TABLES = ['usage_interval', 'usage_daily', 'usage_by_area'] as const;

export function standardTables(): ModelTable[] {
  return STANDARD_TABLES.map((n) => loadModelTable(n));
}

export function column(table: ModelTable, name: string): ModelColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

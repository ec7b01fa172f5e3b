import { createRequire } from 'node:module';
import type Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { didYouMean } from '../util/did-you-mean.ts';
import { pathToString, type YamlPath, type YamlSource } from './yaml-source.ts';

/** Validates a parsed YAML document against a JSON Schema and maps ajv errors to YAML positions. */
// ajv is loaded on first use, so commands that validate nothing (`--help`) start faster.
let ajv: Ajv2020.default | undefined;
const loadAjv = (): Ajv2020.default => {
  const Ajv = (createRequire(import.meta.url)('ajv/dist/2020.js') as typeof Ajv2020).default;
  return (ajv ??= new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }));
};
const compiled = new WeakMap<object, ValidateFunction>();

/** `root` names the whole document in messages ('the mapping', 'the rules file'). */
export function validateAgainstSchema(source: YamlSource, schema: Record<string, unknown>, root = 'the mapping'): Diagnostic[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = (ajv ?? loadAjv()).compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(source.value)) return [];
  return simplify(validate.errors ?? []).map((e) => toDiagnostic(e, source, schema, root));
}

function instancePath(e: ErrorObject): YamlPath {
  return e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * ajv reports every branch of a oneOf; keep the errors of the branch that matched the value's
 * shape best (the deepest ones), and drop the oneOf/anyOf summaries when something deeper exists.
 */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  const seen = new Set<string>();
  const deeper = (e: ErrorObject) =>
    errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.instancePath !== e.instancePath);
  for (const e of errors) {
    if ((e.keyword === 'oneOf' || e.keyword === 'anyOf') && deeper(e)) continue;
    if (e.keyword === 'type' && e.schemaPath.includes('oneOf') && errors.some((o) => o.instancePath === e.instancePath && o.keyword !== 'type' && o.keyword !== 'oneOf')) continue;
    if (e.keyword === 'if') continue;
    // propertyNames reports the rejected name twice: once itself, once as the inner enum failure.
    if (e.schemaPath.includes('/propertyNames/')) continue;
    // The root anyOf (at least one table) fails in every branch; its own message says it all.
    if (e.keyword === 'required' && e.schemaPath.startsWith('#/anyOf/')) continue;
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  // Among type errors of the oneOf branches for one value, keep a single one.
  const typeSeen = new Set<string>();
  return out.filter((e) => {
    if (e.keyword !== 'type') return true;
    if (typeSeen.has(e.instancePath)) return false;
    typeSeen.add(e.instancePath);
    return true;
  });
}

function toDiagnostic(e: ErrorObject, source: YamlSource, schema: Record<string, unknown>, root: string): Diagnostic {
  const path = instancePath(e);
  const where = path.length ? pathToString(path) : root;
  switch (e.keyword) {
    case 'additionalProperties':
    case 'propertyNames': {
      const key = String(e.params.additionalProperty ?? e.params.propertyName);
      const keyPath = [...path, key];
      const allowed = allowedKeys(schema, e);
      return diag('schema-unknown-key', { key, where }, {
        at: source.locateKey(keyPath),
        path: pathToString(keyPath),
        hint: didYouMean(key, allowed) ?? (allowed.length ? `allowed: ${allowed.join(', ')}` : undefined),
      });
    }
    case 'required':
      return diag('schema-missing-key', { key: String(e.params.missingProperty), where }, { at: source.locate(path), path: pathToString(path) || undefined });
    case 'type':
      return diag('schema-type', { where, expected: `of type ${e.params.type}` }, { at: source.locate(path), path: pathToString(path) });
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const value = String(valueAt(source.value, path));
      return diag('schema-enum', { value, where, allowed: allowed.join(', ') }, { at: source.locate(path), path: pathToString(path), hint: didYouMean(value, allowed) });
    }
    case 'anyOf':
      if (path.length === 0) return diag('schema-invalid', { where, detail: 'must map at least one table: service_points, meters or intervals' }, { at: source.locate(path) });
      return diag('schema-invalid', { where, detail: e.message ?? 'is invalid' }, { at: source.locate(path), path: pathToString(path) });
    default:
      return diag('schema-invalid', { where, detail: e.message ?? 'is invalid' }, { at: source.locate(path), path: pathToString(path) });
  }
}

function valueAt(value: unknown, path: YamlPath): unknown {
  return path.reduce<any>((v, k) => (v == null ? v : v[k]), value);
}

/** Keys the schema allows at the error's location (for did-you-mean hints). */
function allowedKeys(schema: Record<string, unknown>, e: ErrorObject): string[] {
  if (e.keyword === 'propertyNames') {
    const node = schemaAt(schema, e.schemaPath.replace(/\/propertyNames.*$/, '/propertyNames'));
    return ((node as any)?.enum ?? []) as string[];
  }
  const node = schemaAt(schema, e.schemaPath.replace(/\/additionalProperties$/, ''));
  return Object.keys(((node as any)?.properties ?? {}) as object);
}

function schemaAt(schema: unknown, pointer: string): unknown {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .reduce<any>((s, k) => (s == null ? s : s[k.replace(/~1/g, '/').replace(/~0/g, '~')]), schema);
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, Node } from 'yaml';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { amplifyingAlias, directoryDiagnostic, isDirectory, KIND_HINT, MAX_ALIAS_COUNT, nulDiagnostics, type YamlKind } from './yaml-guards.ts';

export type { YamlKind };

// yaml is loaded on first use, so commands that read no YAML (`--help`) start faster.
const yaml = (): typeof Yaml => createRequire(import.meta.url)('yaml');

export type YamlPath = (string | number)[];

/** A YAML file parsed with source positions, so any path in it can be traced to file:line:column. */
export interface YamlSource {
  file: string;
  text: string;
  value: unknown;
  /** Location of the value at `path` (or of the nearest existing ancestor). */
  locate(path: YamlPath): SourceLocation;
  /** Location of the key at the end of `path` (for unknown keys). */
  locateKey(path: YamlPath): SourceLocation;
}

export function pathToString(path: YamlPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function loadYamlFile(file: string, kind: YamlKind = 'mapping'): { source?: YamlSource; diagnostics: Diagnostic[] } {
  if (isDirectory(file)) return { diagnostics: [directoryDiagnostic(file)] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { diagnostics: [diag('file-not-found', { file })] };
  }
  const parsed = parseYamlText(file, text);
  const value = parsed.source?.value;
  if (parsed.source && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    const found = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
    const at = { file, line: 1, column: 1 };
    return { diagnostics: [diag('yaml-not-a-document', { file, kind, found }, { at, hint: KIND_HINT[kind] })] };
  }
  return parsed;
}

export function parseYamlText(file: string, text: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const lc = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourceLocation => {
    const p = lc.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const diagnostics: Diagnostic[] = doc.errors.map((e) =>
    diag('yaml-syntax', { detail: e.message.split('\n')[0] }, { at: at(e.pos[0]) }),
  );
  if (diagnostics.length) return { diagnostics };
  if (doc.contents === null) return { diagnostics: [diag('yaml-empty', {}, { at: { file, line: 1, column: 1 } })] };
  const nul = nulDiagnostics(doc, text, at);
  if (nul.length) return { diagnostics: nul };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    return { diagnostics: [diag('yaml-alias-limit', { detail: e.message, limit: MAX_ALIAS_COUNT }, { at: at(amplifyingAlias(doc)) })] };
  }
  const source: YamlSource = {
    file,
    text,
    value,
    locate: (path) => at(nodeAt(doc, path)?.range?.[0] ?? 0),
    locateKey: (path) => at(keyAt(doc, path) ?? nodeAt(doc, path)?.range?.[0] ?? 0),
  };
  return { source, diagnostics: [] };
}

/** The deepest existing node along `path`. */
function nodeAt(doc: Document, path: YamlPath): Node | undefined {
  let node: unknown = doc.contents;
  const { isMap, isSeq } = yaml();
  for (const seg of path) {
    const next = isMap(node) || isSeq(node) ? node.get(seg as never, true) : undefined;
    if (next === undefined || next === null) break;
    node = next;
  }
  return node as Node | undefined;
}

function keyAt(doc: Document, path: YamlPath): number | undefined {
  const parent = nodeAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  const { isMap, isPair, isScalar } = yaml();
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last);
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

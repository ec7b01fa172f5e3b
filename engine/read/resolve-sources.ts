import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { CsvPlan, SourcePlan } from '../plan/types.ts';
import { expandGlob } from '../util/glob.ts';
import { readHeader } from './inspect-source.ts';
import type { CsvOptions, TableSpec } from './mapping-types.ts';
import { pathToString, type YamlPath, type YamlSource } from './yaml-source.ts';

export const DEFAULT_CSV: CsvPlan = { delimiter: ',', quote: '"', escape: '"', header: true, encoding: 'utf-8', nulls: [''] };

export function csvPlan(...layers: (CsvOptions | undefined)[]): CsvPlan & { names?: string[] } {
  const merged: any = { ...DEFAULT_CSV };
  for (const l of layers) Object.assign(merged, l ?? {});
  if (merged.escape === undefined || (layers.every((l) => l?.escape === undefined))) merged.escape = merged.quote;
  return merged;
}

/** Expands a table's source patterns (relative to the mapping file) and reads the files' header. */
export function resolveSource(
  spec: TableSpec,
  csv: CsvPlan & { names?: string[] },
  tablePath: YamlPath,
  source: YamlSource,
  diagnostics: Diagnostic[],
): SourcePlan | undefined {
  const base = path.dirname(source.file);
  const patterns = Array.isArray(spec.source) ? spec.source : [spec.source];
  const files: string[] = [];
  patterns.forEach((p, i) => {
    const found = expandGlob(path.resolve(base, p));
    const at = [...tablePath, 'source', ...(Array.isArray(spec.source) ? [i] : [])];
    if (found.length === 0) diagnostics.push(diag('source-not-found', { pattern: p }, { at: source.locate(at), path: pathToString(at), hint: `paths are relative to ${path.relative(process.cwd(), base) || '.'}/` }));
    for (const f of found) if (!files.includes(f)) files.push(f);
  });
  if (files.length === 0) return undefined;
  const { names, ...plan } = csv;
  let columns: string[] | undefined = names;
  const n0 = diagnostics.length;
  const srcAt = { at: source.locate([...tablePath, 'source']), path: pathToString([...tablePath, 'source']) };
  for (const f of files) {
    const h = readHeader(f, plan);
    diagnostics.push(...h.diagnostics.map((d) => ({ ...d, at: d.at ?? srcAt.at, path: d.path ?? srcAt.path })));
    if (!h.columns) continue;
    if (!h.hasRows && h.diagnostics.length === 0) diagnostics.push(diag('source-no-rows', { file: f }, srcAt));
    if (!plan.header) continue;
    if (!columns) columns = h.columns;
    else if (columns.join('\u0000') !== h.columns.join('\u0000')) {
      const missing = columns.filter((c) => !h.columns!.includes(c));
      diagnostics.push(diag('source-header-mismatch', { pattern: patterns.join(', '), file: f, detail: missing.length ? `missing ${missing.join(', ')}` : 'different columns or order' }, srcAt));
    }
  }
  if (!plan.header && !columns) diagnostics.push(diag('spec-conflict', { detail: `csv.header is false, so csv.names must list the columns` }, srcAt));
  if (diagnostics.slice(n0).some((d) => d.severity === 'error') || !columns) return undefined;
  return { patterns, files, csv: plan, columns };
}

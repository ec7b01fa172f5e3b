import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isScalar, visit, type Document } from 'yaml';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';

/**
 * Guards of the YAML reader against input that is not what it should be: a folder, a document of the
 * wrong shape, NUL bytes, alias bombs. Each gives a located diagnostic instead of a later failure.
 */

/** What a YAML file is read as: names it in messages about a file that is not one. */
export type YamlKind = 'mapping' | 'rules file';

export const KIND_HINT: Record<YamlKind, string> = {
  mapping: "a mapping is a YAML document with 'utility:', 'timezone:' and one or more tables (see mappings/)",
  'rules file': "a rules file is a YAML document with a top-level 'rules:' list (see dq/rules.yaml)",
};

export function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export function directoryDiagnostic(dir: string): Diagnostic {
  let yamls: string[] = [];
  try {
    yamls = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    // unreadable folder: the message alone
  }
  const shown = yamls.slice(0, 5).map((f) => path.join(dir, f));
  const hint = yamls.length
    ? `name the files: ${shown.join(' ')}${yamls.length > 5 ? ` … (${yamls.length} .yaml files)` : ''}`
    : 'it holds no .yaml file';
  return diag('file-is-directory', { file: dir }, { hint });
}

/** The `yaml` library's guard against alias bombs ("billion laughs"): alias expansions allowed in one file. */
export const MAX_ALIAS_COUNT = 100;

/**
 * Where an alias bomb amplifies: the first alias whose anchored node itself holds aliases (an alias
 * of aliases), else the first alias. The library's error carries no position.
 */
export function amplifyingAlias(doc: Document): number {
  let first: number | undefined;
  let nested: number | undefined;
  visit(doc, {
    Alias(_, node) {
      const start = node.range?.[0] ?? 0;
      first ??= start;
      let inner = false;
      const target = node.resolve(doc);
      if (target && !isScalar(target)) visit(target as never, { Alias: () => ((inner = true), visit.BREAK) });
      if (inner) {
        nested = start;
        return visit.BREAK;
      }
    },
  });
  return nested ?? first ?? 0;
}

/**
 * NUL bytes in any key or value (a literal byte or a `\0` escape): SQL text and file paths cannot hold
 * them, so they are refused here, at the character when it is in the file, else at the scalar.
 */
export function nulDiagnostics(doc: Document, text: string, at: (offset: number) => SourceLocation): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== 'string' || !node.value.includes('\u0000')) return;
      const [start, end] = node.range ?? [0, 0];
      const raw = text.slice(start, end).indexOf('\u0000');
      out.push(diag('nul-in-mapping', { value: JSON.stringify(node.value) }, { at: at(raw >= 0 ? start + raw : start) }));
    },
  });
  return out;
}

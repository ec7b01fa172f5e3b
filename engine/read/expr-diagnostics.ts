import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { ExprError } from '../expr/compile-expression.ts';
import { pathToString, type YamlPath, type YamlSource } from './yaml-source.ts';

/** Turns expression errors into diagnostics that point into the YAML value holding the expression. */
export function exprDiagnostics(errors: ExprError[], source: YamlSource, path: YamlPath): Diagnostic[] {
  const base = source.locate(path);
  return errors.map((e) => {
    const at = { ...base };
    // Point at the character inside a plain or quoted one-line scalar when we can.
    if (e.position !== undefined) {
      const lineText = source.text.split('\n')[base.line - 1] ?? '';
      const quoted = /['"]/.test(lineText[base.column - 1] ?? '') ? 1 : 0;
      at.column = base.column + quoted + e.position;
    }
    return diag(e.code, e.params, { at, path: pathToString(path), hint: e.hint });
  });
}

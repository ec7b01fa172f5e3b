import { DiagnosticError } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { formatDiagnostics } from '../diagnostics/format.ts';
import { readMapping } from '../read/read-mapping.ts';
import type { Plan } from '../plan/types.ts';

/** Where a command writes: stdout for results, stderr for progress and diagnostics. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** A status line drawn in place (only on a terminal): the next `out`/`err` line replaces it. */
  status?: (s: string) => void;
}

/** Reads a mapping into a plan; prints warnings, throws the errors as diagnostics. */
export function planOrThrow(file: string, io: Io): Plan {
  const { plan, diagnostics } = readMapping(file);
  const warnings = diagnostics.filter((d) => d.severity !== 'error');
  if (warnings.length) io.err(formatDiagnostics(warnings));
  if (!plan) throw new DiagnosticError(diagnostics.filter((d) => d.severity === 'error'));
  return plan;
}

export function usageError(detail: string, hint?: string): DiagnosticError {
  return new DiagnosticError([diag('usage', { detail }, { hint })]);
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) throw usageError(`unknown ${what} '${value}'`, `use one of ${allowed.join(', ')}`);
  return value as T;
}

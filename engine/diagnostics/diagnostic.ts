/** A user-facing problem: never a stack trace. Formatted from the catalog by code. */
export type Severity = 'error' | 'warning' | 'info';

export interface SourceLocation {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** Where in the user's file (YAML mapping, rules file, CSV) the problem is. */
  at?: SourceLocation;
  /** Path inside the YAML document, e.g. `intervals.columns.value.from`. */
  path?: string;
  hint?: string;
}

/** Thrown only to abort a command with diagnostics already collected; the CLI prints them. */
export class DiagnosticError extends Error {
  /** `exitCode` 2 marks invalid configuration or usage; 1 (default) a mapping or data problem. */
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(diagnostics.map((d) => d.message).join('; '));
    this.name = 'DiagnosticError';
  }
}

export function hasErrors(diags: Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

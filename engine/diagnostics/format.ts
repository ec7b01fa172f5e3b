import type { Diagnostic } from './diagnostic.ts';

/** `file:line:col: error [code] message (at path)\n  hint: ...` — one line per diagnostic plus its hint. */
export function formatDiagnostic(d: Diagnostic, cwd = process.cwd()): string {
  const where = d.at ? `${relative(d.at.file, cwd)}:${d.at.line}:${d.at.column}: ` : '';
  const path = d.path ? ` (at ${d.path})` : '';
  const hint = d.hint ? `\n  hint: ${d.hint}` : '';
  return `${where}${d.severity} [${d.code}] ${d.message}${path}${hint}`;
}

export function formatDiagnostics(diags: Diagnostic[], cwd = process.cwd()): string {
  return diags.map((d) => formatDiagnostic(d, cwd)).join('\n');
}

function relative(file: string, cwd: string): string {
  return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}

import type { Plan } from '../plan/types.ts';
import { scanLines, type LineScan } from '../read/scan-lines.ts';
import { diag } from '../diagnostics/catalog.ts';
import { DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { displayPath } from '../util/display-path.ts';

/**
 * The run's own count of every source file's lines (per table, in file order), before the engine
 * reads them. A file that mixes line endings stops the run here with its file and line: the engine's
 * CSV reader fails on it without naming either.
 */
export function scanSources(plan: Plan): Map<string, LineScan[]> {
  const scans = new Map<string, LineScan[]>();
  const problems: Diagnostic[] = [];
  for (const t of plan.tables) {
    const columns = t.source.columns.length;
    scans.set(
      t.table,
      t.source.files.map((f) => {
        const s = scanLines(f, t.source.csv, columns);
        const m = s.mixedEndings;
        if (m)
          problems.push(
            diag(
              'source-line-endings',
              { file: displayPath(f), ...m },
              {
                at: { file: displayPath(f), line: m.line, column: 1 },
                hint: 'convert the file to one line ending, e.g. with dos2unix',
              },
            ),
          );
        return s;
      }),
    );
  }
  if (problems.length) throw new DiagnosticError(problems);
  return scans;
}

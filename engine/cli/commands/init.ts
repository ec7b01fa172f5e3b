import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DiagnosticError } from '../../diagnostics/diagnostic.ts';
import { diag } from '../../diagnostics/catalog.ts';
import { formatDiagnostics } from '../../diagnostics/format.ts';
import { displayPath } from '../../util/display-path.ts';
import type { Io } from '../io.ts';

export function initCommand(program: Command, io: Io): void {
  program
    .command('init')
    .description("scaffold a mapping from a utility's raw files (sniffed layout, guessed tables and columns, TODOs)")
    .argument('<folder-or-files...>', 'a folder of raw files, or the files (globs allowed)')
    .requiredOption('-u, --utility <name>', 'utility id (letters, digits, _ and -)')
    .option('-o, --out <file>', 'mapping file to write (default: <utility>.yaml, lower case)')
    .action(async (inputs: string[], o: { utility: string; out?: string }) => {
      // Loaded when used: `gridflow --help` should not pay for the YAML writer.
      const { scaffoldMapping } = await import('../../init/scaffold-mapping.ts');
      const out = o.out ?? `${o.utility.toLowerCase()}.yaml`;
      if (existsSync(out))
        throw new DiagnosticError(
          [diag('init-out-exists', { file: out }, { hint: 'pass another --out, or remove the file' })],
          2,
        );
      const r = scaffoldMapping(inputs, { utility: o.utility, out });
      if (!r.yaml) throw new DiagnosticError(r.diagnostics);
      if (r.diagnostics.length) io.err(formatDiagnostics(r.diagnostics));
      mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      writeFileSync(out, r.yaml);
      for (const t of r.tables) io.err(`  ${t.table.padEnd(15)} ${t.source}`);
      io.out(
        `wrote ${displayPath(path.resolve(out))}: ${r.tables.length} table(s), ${r.todos} TODO(s) to check; next: gridflow validate ${out}`,
      );
    });
}

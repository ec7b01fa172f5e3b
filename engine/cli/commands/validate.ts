import type { Command } from 'commander';
import { hasErrors } from '../../diagnostics/diagnostic.ts';
import { formatDiagnostics } from '../../diagnostics/format.ts';
import { readMapping } from '../../read/read-mapping.ts';
import type { Io } from '../io.ts';

export function validateCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('validate')
    .description('check mappings: schema, source files and headers, columns, expressions, joins')
    .argument('<mapping...>', 'mapping YAML files')
    .action((files: string[]) => {
      for (const f of files) {
        const { diagnostics } = readMapping(f);
        if (diagnostics.length) io.err(formatDiagnostics(diagnostics));
        if (hasErrors(diagnostics)) setCode(1);
        else io.out(`${f}: ok`);
      }
    });
}

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import { schemasDir } from '../model/common-model.ts';
import { expandGlob } from '../util/glob.ts';
import { guessTables, groupFiles, type FileGroup } from './guess-tables.ts';
import { proposeColumns } from './propose-columns.ts';
import { sniffFile, SNIFF_BYTES, type SniffedFile } from './sniff-file.ts';
import { TODO, writeMapping, type TableDraft } from './write-mapping.ts';

export interface ScaffoldResult {
  yaml?: string;
  /** How many guesses are marked TODO. */
  todos: number;
  tables: { table: string; source: string }[];
  diagnostics: Diagnostic[];
}

/** Files `init` does not read as data. */
const NOT_DATA = /\.(ya?ml|json|md|parquet|gz|zip|xlsx?)$/i;

/**
 * `gridflow init`: (1) sniff each file's dialect and header, (2) group files of one layout,
 * (3) guess which group is which table, (4) propose each table's columns, (5) write a commented
 * mapping whose paths are relative to `out`.
 */
export function scaffoldMapping(inputs: string[], opts: { utility: string; out: string }): ScaffoldResult {
  const diagnostics: Diagnostic[] = [];
  const files = inputs.flatMap((i) => {
    const found = existsSync(i) && statSync(i).isDirectory() ? expandGlob(path.join(i, '**', '*')) : expandGlob(i);
    if (!found.length) diagnostics.push(diag('file-not-found', { file: i }));
    return found.filter((f) => !NOT_DATA.test(f) && !path.basename(f).startsWith('.'));
  });
  if (diagnostics.length) return { todos: 0, tables: [], diagnostics };
  const groups = groupFiles(files.map((f) => sniffFile(path.resolve(f))));
  const guesses = guessTables(groups);
  if (!guesses.length) return { todos: 0, tables: [], diagnostics: [diag('init-no-tables', { files: files.length })] };
  const base = path.dirname(path.resolve(opts.out));
  const rel = (p: string) => path.relative(base, p).split(path.sep).join('/') || '.';
  const metersHaveServicePoint = guesses.some(
    (g) =>
      g.table === 'meters' &&
      proposeColumns('meters', g.group.sample, { metersHaveServicePoint: false }).some(
        (p) => p.column === 'service_point_id',
      ),
  );
  const drafts: TableDraft[] = guesses.map((g) => ({
    table: g.table,
    source: rel(sourceOf(g.group)),
    sourceTodo: g.unsure ? `these files look like ${g.table}, but not clearly: check` : undefined,
    ...csvOf(g.group.sample),
    columns: proposeColumns(g.table, g.group.sample, { metersHaveServicePoint }),
  }));
  const unused = groups
    .filter((g) => !guesses.some((x) => x.group === g))
    .flatMap((g) => g.files.map((f) => rel(f.file)));
  const yaml = writeMapping({
    schemaPath: rel(path.join(schemasDir, 'mapping.schema.json')),
    utility: opts.utility,
    header: [
      `Scaffolded by \`gridflow init\` from the first ${SNIFF_BYTES / 1024} KB of each file. Check every line marked ${TODO},`,
      `then run \`gridflow validate\` and \`gridflow run\`. Every key is documented in docs/mapping.md.`,
      `Not proposed: filter, dedupe (add one where the files repeat rows), rules.`,
    ],
    tables: drafts,
    footer: unused.length ? [`${TODO} not used (they look like none of the tables): ${unused.join(', ')}`] : [],
  });
  const todos = yaml.split('\n').filter((l) => l.includes(`# ${TODO}`) || l.startsWith(`#${' '}${TODO}`)).length;
  return { yaml, todos, tables: drafts.map((d) => ({ table: d.table, source: d.source })), diagnostics };
}

/** One file, or a glob over the folder when several files share the layout. */
function sourceOf(g: FileGroup): string {
  if (g.files.length === 1) return g.sample.file;
  const ext = path.extname(g.sample.file);
  return path.join(path.dirname(g.sample.file), `*${ext}`);
}

/** The CSV options that differ from the defaults, with what was sniffed. */
function csvOf(f: SniffedFile): Pick<TableDraft, 'csv' | 'csvNote'> {
  const csv: Record<string, unknown> = {};
  if (f.delimiter !== ',') csv.delimiter = f.delimiter;
  if (f.quote !== '"') csv.quote = f.quote;
  if (f.encoding === 'latin-1') csv.encoding = 'latin-1';
  if (!f.header) Object.assign(csv, { header: false, names: f.columns });
  if (f.rows.some((r) => r.some((v) => /^null$/i.test(v))))
    csv.nulls = ['', ...new Set(f.rows.flat().filter((v) => /^null$/i.test(v)))];
  const notes = [
    f.bom ? 'UTF-8 with a byte-order mark' : f.encoding === 'latin-1' ? 'not valid UTF-8: Latin-1' : '',
    f.header ? '' : 'no header row: name the columns',
  ];
  const note = notes.filter(Boolean).join('; ');
  return Object.keys(csv).length ? { csv, csvNote: note ? `sniffed: ${note}` : undefined } : {};
}

import { Document, isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { Proposal } from './propose-columns.ts';

/** A table section as `gridflow init` proposes it. */
export interface TableDraft {
  table: string;
  source: string;
  sourceTodo?: string;
  csv?: Record<string, unknown>;
  csvNote?: string;
  columns: Proposal[];
}

export interface MappingDraft {
  header: string[];
  schemaPath: string;
  utility: string;
  tables: TableDraft[];
  /** Notes after the tables (files that were not used). */
  footer: string[];
}

export const TODO = 'TODO';

/** Writes the draft as YAML through the `yaml` Document API, so every guess carries its comment. */
export function writeMapping(d: MappingDraft): string {
  const value: Record<string, unknown> = { utility: d.utility, timezone: 'America/New_York' };
  for (const t of d.tables) {
    value[t.table] = {
      source: t.source,
      ...(t.csv ? { csv: t.csv } : {}),
      columns: Object.fromEntries(t.columns.map((c) => [c.column, c.spec])),
    };
  }
  const doc = new Document(value);
  doc.commentBefore = [` yaml-language-server: $schema=${d.schemaPath}`, ...d.header.map((l) => ` ${l}`)].join('\n');
  comment(doc, ['timezone'], `${TODO} the IANA zone of the files' local times (a guess)`);
  for (const t of d.tables) {
    const pair = (doc.contents as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === t.table);
    if (pair && isScalar(pair.key)) pair.key.spaceBefore = true;
    if (t.sourceTodo) comment(doc, [t.table, 'source'], `${TODO} ${t.sourceTodo}`);
    if (t.csv) flow(doc, [t.table, 'csv'], t.csvNote);
    for (const c of t.columns) {
      const at = [t.table, 'columns', c.column];
      if (isMap(doc.getIn(at, true))) flow(doc, at);
      if (c.todo) comment(doc, at, `${TODO} ${c.todo}`);
    }
  }
  if (d.footer.length) doc.comment = d.footer.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

function comment(doc: Document, at: string[], text: string): void {
  (doc.getIn(at, true) as Node).comment = ` ${text}`;
}

/** One line per column: `{ from: X, format: "…" }`, nested maps included. */
function flow(doc: Document, at: string[], note?: string): void {
  const node = doc.getIn(at, true);
  if (!isMap(node)) return;
  node.flow = true;
  if (note) node.comment = ` ${note}`;
}

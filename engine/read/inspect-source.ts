import { openSync, readSync, closeSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { CsvPlan } from '../plan/types.ts';
import { firstInvalidUtf8, lineColumnAt } from '../util/utf8.ts';

/** Reads the header (and checks the first record) of a CSV file with csv-parse, without reading the whole file. */
export interface HeaderResult {
  columns?: string[];
  hasRows: boolean;
  diagnostics: Diagnostic[];
}

const PROBE_BYTES = 64 * 1024;

export function readHeader(file: string, csv: CsvPlan): HeaderResult {
  let buf: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      buf = Buffer.alloc(PROBE_BYTES);
      buf = buf.subarray(0, readSync(fd, buf, 0, PROBE_BYTES, 0));
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return { hasRows: false, diagnostics: [diag('source-unreadable', { file, detail: (e as Error).message })] };
  }
  if (csv.encoding !== 'latin-1') {
    const bad = notUtf8(file, buf, buf.length === PROBE_BYTES);
    if (bad) return { hasRows: false, diagnostics: [bad] };
  }
  let text = csv.encoding === 'latin-1' ? buf.toString('latin1') : buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { hasRows: false, diagnostics: [diag('source-empty', { file })] };
  // Keep whole lines only (the probe may cut the last one).
  const complete = buf.length === PROBE_BYTES ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
  let records: string[][];
  try {
    records = parse(complete, {
      delimiter: csv.delimiter,
      quote: csv.quote,
      escape: csv.escape,
      relax_column_count: true,
      to_line: 3,
      skip_empty_lines: true,
    });
  } catch (e) {
    return { hasRows: false, diagnostics: [diag('source-unreadable', { file, detail: (e as Error).message.split('\n')[0] })] };
  }
  const diagnostics: Diagnostic[] = [];
  // A first data row longer than the probe is cut off above, but it is there.
  const cutRow = complete.length < text.length && text.slice(complete.length).trim() !== '';
  if (!csv.header) return { columns: undefined, hasRows: records.length > 0 || cutRow, diagnostics };
  const columns = (records[0] ?? []).map((c) => c.trim());
  diagnostics.push(...nulInHeader(file, complete, columns));
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) diagnostics.push(diag('source-header-duplicate', { column: c, file }));
    seen.add(c);
  }
  if (columns.length === 1) {
    const found = [';', '\t', '|', ','].find((d) => d !== csv.delimiter && columns[0].includes(d));
    if (found) diagnostics.push(diag('source-single-column', { file, column: columns[0], found: found === '\t' ? '\\t' : found }, { hint: `set csv.delimiter to '${found === '\t' ? '\\t' : found}'` }));
  }
  return { columns, hasRows: records.length > 1 || cutRow, diagnostics };
}

/** The first byte of the probe that is not UTF-8 (a Latin-1 or Windows-1252 file read as UTF-8), located. */
function notUtf8(file: string, buf: Buffer, cut: boolean): Diagnostic | undefined {
  const offset = firstInvalidUtf8(buf, cut);
  if (offset === undefined) return undefined;
  const { line, column } = lineColumnAt(buf, offset);
  const byte = buf[offset].toString(16).toUpperCase().padStart(2, '0');
  return diag('source-not-utf8', { file, line, column, byte }, { hint: 'set csv.encoding: latin-1' });
}

/** A NUL byte in a header name breaks the SQL that names the column: refused at its line and column. */
function nulInHeader(file: string, text: string, columns: string[]): Diagnostic[] {
  const i = columns.findIndex((c) => c.includes('\u0000'));
  if (i < 0) return [];
  const offset = text.indexOf('\u0000');
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const at = { file, line, column: offset - before.lastIndexOf('\n') };
  return [diag('nul-in-header', { file, index: i + 1, value: JSON.stringify(columns[i]) }, { at })];
}

import { closeSync, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { firstInvalidUtf8 } from '../util/utf8.ts';

/** What `gridflow init` learns from the first bytes of a file: its CSV dialect, header and sample rows. */
export interface SniffedFile {
  file: string;
  encoding: 'utf-8' | 'latin-1';
  bom: boolean;
  delimiter: string;
  quote: string;
  header: boolean;
  /** Header names, or col1…colN when the file has no header. */
  columns: string[];
  /** Data rows of the sample (the last, possibly cut, line of the sample is dropped). */
  rows: string[][];
}

/** How much of each file is read: enough rows to judge the values, bounded for large files. */
export const SNIFF_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];

export function sniffFile(file: string, bytes = SNIFF_BYTES): SniffedFile {
  const buf = readHead(file, bytes);
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  const encoding = firstInvalidUtf8(body) === undefined ? 'utf-8' : 'latin-1';
  let text = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'latin1').decode(body);
  // A sample shorter than the file ends inside a line: drop that line.
  if (buf.length === bytes && text.includes('\n')) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const quote = /(^|[,;\t|])'/m.test(text) && !text.includes('"') ? "'" : '"';
  const delimiter = bestDelimiter(text, quote);
  const records = parseRecords(text, delimiter, quote) ?? [];
  const header = looksLikeHeader(records);
  const width = records[0]?.length ?? 0;
  const columns = header ? records[0].map((c) => c.trim()) : Array.from({ length: width }, (_, i) => `col${i + 1}`);
  return { file, encoding, bom, delimiter, quote, header, columns, rows: records.slice(header ? 1 : 0) };
}

function readHead(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

function parseRecords(text: string, delimiter: string, quote: string): string[][] | undefined {
  try {
    return parse(text, { delimiter, quote, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    return undefined;
  }
}

/** The delimiter that splits the lines into the most columns, the same number on every line. */
function bestDelimiter(text: string, quote: string): string {
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const records = parseRecords(text, d, quote);
    if (!records?.length) continue;
    const width = records[0].length;
    const consistent = records.filter((r) => r.length === width).length / records.length;
    const score = width > 1 ? width * consistent : 0;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

/** A header: no empty or repeated names, and no name that looks like a number or a date. */
function looksLikeHeader(records: string[][]): boolean {
  const first = records[0];
  if (!first) return true;
  const names = first.map((c) => c.trim());
  if (names.some((n) => n === '') || new Set(names).size !== names.length) return false;
  return !names.some((n) => /^[-+]?\d/.test(n));
}

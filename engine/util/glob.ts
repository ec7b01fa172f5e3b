import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Expands a file pattern with `*`, `?` and `**` (sorted, files only). A plain path is returned as is if it exists. */
export function expandGlob(pattern: string): string[] {
  if (!/[*?[]/.test(pattern)) return isFile(pattern) ? [pattern] : [];
  const abs = path.resolve(pattern);
  const parts = abs.split(path.sep);
  const firstWild = parts.findIndex((p) => /[*?[]/.test(p));
  const base = parts.slice(0, firstWild).join(path.sep) || path.sep;
  // `**/` matches zero or more folders.
  const re = new RegExp('^' + parts.slice(firstWild).map((seg, i, all) => (seg === '**' && i < all.length - 1 ? '(?:.*/)?' : segmentRegex(seg) + (i < all.length - 1 ? '/' : ''))).join('') + '$');
  const out: string[] = [];
  walk(base, '', (rel) => {
    if (re.test(rel)) out.push(path.join(base, rel));
  });
  return out.sort();
}

function segmentRegex(seg: string): string {
  if (seg === '**') return '(?:.*)';
  return seg
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
}

function walk(dir: string, rel: string, visit: (rel: string) => void): void {
  let entries;
  try {
    entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(dir, r, visit);
    else if (e.isFile()) visit(r);
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

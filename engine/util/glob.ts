import { statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';

/**
 * Expands a file pattern (sorted, files only) with picomatch's glob syntax through tinyglobby:
 * `*` and `?` within one folder, `**` across folder levels, `[abc]` / `[0-9]` character classes,
 * and `\` to escape any of them. A pattern that is itself an existing file is that file, even when
 * its name holds `[`, `]`, `*` or `?` (`x[1].csv` reads the file of that name, if there is one).
 */
export function expandGlob(pattern: string): string[] {
  if (isFile(pattern)) return [pattern];
  const { base, glob, isGlob } = picomatch.scan(pattern);
  if (!isGlob) {
    const literal = pattern.replace(/\\(.)/g, '$1');
    return isFile(literal) ? [literal] : [];
  }
  const files = globSync(glob, {
    cwd: base || '.',
    absolute: true,
    onlyFiles: true,
    dot: true,
    expandDirectories: false,
  });
  return files.map((f) => path.resolve(f)).sort();
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate, FILES } from '../data/generate.ts';

/**
 * Benchmark inputs: the sample-data generator's scaled set for a row count, cached by size under
 * bench/data/rows-N/ (a `.complete` marker says the generation finished), plus the two shipped
 * mappings pointed at those files.
 */
export interface BenchData {
  dir: string;
  files: string[];
  mappings: string[];
  intervalRows: number;
  generatedSeconds?: number;
}

export async function benchData(rows: number, root = path.resolve('bench/data')): Promise<BenchData> {
  const dir = path.join(root, `rows-${rows}`);
  const marker = path.join(dir, '.complete');
  let generatedSeconds: number | undefined;
  if (!existsSync(marker)) {
    const t = performance.now();
    await generate({ out: dir, rows });
    generatedSeconds = (performance.now() - t) / 1000;
    writeFileSync(marker, new Date().toISOString() + '\n');
  }
  const mappings = ['utility1', 'utility2'].map((u) => {
    const text = readFileSync(path.resolve(`mappings/${u}.yaml`), 'utf8').replaceAll('../data/raw/', './');
    const file = path.join(dir, `${u}.yaml`);
    writeFileSync(file, text);
    return file;
  });
  return { dir, files: Object.values(FILES).map((f) => path.join(dir, f)), mappings, intervalRows: rows, generatedSeconds };
}

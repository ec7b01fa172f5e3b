import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { Plan } from '../plan/types.ts';
import { displayPath } from '../util/display-path.ts';

/** One input file of a run: which table it fed, its size and its SHA-256 (hex). */
export interface InputFile {
  utility: string;
  table: string;
  file: string;
  bytes: number;
  sha256: string;
}

/** Sizes and SHA-256 hashes of every source file of the plans (streamed: bounded memory). */
export async function describeInputs(plans: Plan[]): Promise<InputFile[]> {
  const inputs: InputFile[] = [];
  for (const plan of plans) {
    for (const t of plan.tables) {
      for (const file of t.source.files) {
        inputs.push({
          utility: plan.utility,
          table: t.table,
          file: displayPath(file),
          bytes: statSync(file).size,
          sha256: await sha256(file),
        });
      }
    }
  }
  return inputs;
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

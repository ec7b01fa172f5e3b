import { main } from '../../engine/cli/main.ts';

/** Runs the gridflow CLI in-process and captures its output and exit code. */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'gridflow', ...args], { out: (s) => void out.push(s), err: (s) => void err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

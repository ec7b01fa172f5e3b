import { spawn, type SpawnOptions } from 'node:child_process';
import path from 'node:path';

/** A `gridflow` command in a child process (the real CLI entry), for kills, locks and other users. */
export interface Child {
  pid: number;
  /** Resolves when stderr has shown `text`. */
  waitFor(text: string): Promise<void>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
}

const BIN = path.resolve('bin/gridflow.js');

export function gridflowChild(args: string[], opts: { env?: Record<string, string>; spawn?: SpawnOptions } = {}): Child {
  const p = spawn(process.execPath, [BIN, ...args], { ...opts.spawn, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  p.stdout!.on('data', (b) => (out += b));
  p.stderr!.on('data', (b) => {
    err += b;
    for (const w of waiting.splice(0)) (err.includes(w.text) ? w.resolve() : waiting.push(w));
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) =>
    p.on('close', (code, signal) => resolve({ code, signal, out, err })),
  );
  return {
    pid: p.pid!,
    done,
    waitFor: (text) =>
      new Promise((resolve, reject) => {
        if (err.includes(text)) return resolve();
        waiting.push({ text, resolve });
        void done.then((r) => reject(new Error(`child exited (${r.code ?? r.signal}) before '${text}':\n${r.err}`)));
      }),
  };
}

import type { Io } from './io.ts';

/**
 * The process's stdout and stderr. When stderr is a terminal, `status` draws one line in place
 * (cut to the terminal's width) that the next stderr line replaces; otherwise there is no status
 * and progress stays plain lines, as CI logs and pipes want them.
 */
export function processIo(stderr: NodeJS.WriteStream = process.stderr): Io {
  let showing = false;
  const clear = () => {
    if (showing) stderr.write('\r\x1b[K');
    showing = false;
  };
  const io: Io = {
    out: (s) => {
      clear();
      process.stdout.write(s + '\n');
    },
    err: (s) => {
      clear();
      stderr.write(s + '\n');
    },
  };
  if (!stderr.isTTY) return io;
  return {
    ...io,
    status: (s) => {
      const width = stderr.columns || 80;
      stderr.write('\r\x1b[K' + (s.length >= width ? s.slice(0, width - 2) + '…' : s));
      showing = true;
    },
  };
}

import { describe, expect, it } from 'vitest';
import { Steps } from '../../engine/run/execute.ts';
import { stepStatus } from '../../engine/run/step-status.ts';
import { processIo } from '../../engine/cli/terminal-io.ts';

describe('progress of the steps', () => {
  it('plain lines when there is no terminal: a start line and an end line with the duration', async () => {
    const lines: string[] = [];
    const steps = new Steps((l) => lines.push(l));
    await steps.run('U1', 'standardize', 'intervals: convert 1 file(s)', async () => {});
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('… U1 intervals: convert 1 file(s)');
    expect(lines[1]).toMatch(/^✓ U1 intervals: convert 1 file\(s\) \(\d+\.\d\d s\)$/);
  });

  it('on a terminal, a status line with the engine progress instead of the start line', async () => {
    const lines: string[] = [];
    const status: string[] = [];
    const steps = new Steps(
      (l) => lines.push(l),
      (s) => status.push(s),
    );
    steps.track(() => ({ percent: 50, rows: 10, totalRows: 20 }));
    await steps.run('U1', 'write', 'write standardized/intervals', async () => {});
    expect(status[0]).toMatch(
      /^⠿ U1 write standardized\/intervals · 50% · 10 rows · [\d,]+ rows\/s · \d+\.\d s · ~\d+\.\d s left$/,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^✓ U1 write standardized\/intervals/);
  });

  it('the status line: percent, rows, rows/s, elapsed and time left where known', () => {
    expect(stepStatus('U1 convert', 2, { percent: 25, rows: 1000, totalRows: 4000 })).toBe(
      '⠿ U1 convert · 25% · 1,000 rows · 500 rows/s · 2.0 s · ~6.0 s left',
    );
    expect(stepStatus('U1 convert', 2, { percent: -1, rows: 0, totalRows: 0 })).toBe('⠿ U1 convert · 2.0 s');
    expect(stepStatus('U1 convert', 2, undefined)).toBe('⠿ U1 convert · 2.0 s');
  });

  it('the process io draws a status only on a terminal, and the next line replaces it', () => {
    const written: string[] = [];
    const stream = (isTTY: boolean) =>
      ({ isTTY, columns: 40, write: (s: string) => written.push(s) }) as unknown as NodeJS.WriteStream;
    expect(processIo(stream(false)).status).toBeUndefined();
    const io = processIo(stream(true));
    io.status!('⠿ U1 step · 1.0 s');
    io.err('✓ U1 step (1.00 s)');
    expect(written).toEqual(['\r\x1b[K⠿ U1 step · 1.0 s', '\r\x1b[K', '✓ U1 step (1.00 s)\n']);
  });
});

import { DiagnosticError } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Statement } from '../sql/statement.ts';
import type { Engine, EngineProgress } from '../engines/engine.ts';
import { stepStatus } from './step-status.ts';

/** Runs one compiled statement: `fixup` only when its guard counts rows, `check` fails the run with a diagnostic. */
export async function execute(engine: Engine, s: Statement, utility: string, steps: Steps, phase: Phase): Promise<void> {
  if (s.kind === 'fixup') {
    const [row] = await engine.query<{ n: bigint }>(s.when!);
    if (Number(row.n) === 0) return;
  }
  if (s.kind === 'check') {
    const rows = await engine.query(s.sql);
    if (rows.length) {
      const [table] = s.name.split('.');
      const key = Object.keys(rows[0]).filter((k) => k !== 'n');
      throw new DiagnosticError([
        diag('dedupe-conflict', {
          table: `${utility}/${table}`,
          count: rows.length >= 5 ? '5 or more' : rows.length,
          key: key.join(', '),
          sample: JSON.stringify(rows[0], (_, v) => (typeof v === 'bigint' ? Number(v) : v)),
        }),
      ]);
    }
    return;
  }
  await steps.run(utility, phase, s.label, () => engine.run(s.sql));
}

export type Phase = 'standardize' | 'dq' | 'product' | 'experience' | 'write';

export interface Timing {
  utility: string;
  phase: Phase;
  step: string;
  /** performance.now() at the start of the step (for matching memory samples). */
  startedAt: number;
  seconds: number;
}

/**
 * Runs steps between a start and an end progress line (with the duration), and keeps their timings.
 * With a `status` sink (a terminal), the start line is a status line instead, redrawn while the
 * step runs with the engine's progress (polled a few times a second, never per row).
 */
export class Steps {
  readonly timings: Timing[] = [];
  private progress: () => EngineProgress | undefined = () => undefined;
  constructor(
    private readonly log: (line: string) => void,
    private readonly status?: (line: string) => void,
  ) {}

  /** Where the running statement's progress comes from. */
  track(progress: () => EngineProgress | undefined): void {
    this.progress = progress;
  }

  async run<T>(utility: string, phase: Phase, step: string, fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    const status = this.status;
    const draw = status && (() => status(stepStatus(`${utility} ${step}`, (performance.now() - t) / 1000, this.progress())));
    if (draw) draw();
    else this.log(`… ${utility} ${step}`);
    const timer = draw && setInterval(draw, 250);
    let r: T;
    try {
      r = await fn();
    } finally {
      if (timer) clearInterval(timer);
    }
    const seconds = (performance.now() - t) / 1000;
    this.timings.push({ utility, phase, step, startedAt: t, seconds });
    this.log(`✓ ${utility} ${step} (${seconds.toFixed(2)} s)`);
    return r;
  }
}

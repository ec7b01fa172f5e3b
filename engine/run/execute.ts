import { DiagnosticError } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Statement } from '../compile/statement.ts';
import type { Engine } from './engine.ts';

/** Runs one compiled statement: `fixup` only when its guard counts rows, `check` fails the run with a diagnostic. */
export async function execute(engine: Engine, s: Statement, utility: string, log: (l: string) => void): Promise<void> {
  if (s.kind === 'fixup') {
    const [row] = await engine.query<{ n: bigint }>(s.when!.replace('count(*)', 'count(*) AS n'));
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
  await timed(log, `${utility} ${s.label}`, () => engine.run(s.sql));
}

/** Runs `fn` between a start line and an end line with its duration (progress on long steps). */
export async function timed<T>(log: (l: string) => void, label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  log(`… ${label}`);
  const r = await fn();
  log(`✓ ${label} (${((performance.now() - t) / 1000).toFixed(2)} s)`);
  return r;
}

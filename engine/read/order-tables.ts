import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { TablePlan } from '../plan/types.ts';
import type { YamlSource } from './yaml-source.ts';

/** Orders tables so that each comes after the tables its join paths read; reports cycles. */
export function orderTables(tables: TablePlan[], source: YamlSource, diagnostics: Diagnostic[]): TablePlan[] {
  const byName = new Map(tables.map((t) => [t.table, t]));
  const deps = (t: TablePlan) => [...new Set(t.lookups.flatMap((l) => l.hops.map((h) => h.table)))].filter((n) => byName.has(n));
  const out: TablePlan[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: TablePlan, stack: string[]): void => {
    const s = state.get(t.table);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(t.table)), t.table];
      diagnostics.push(diag('join-cycle', { cycle: cycle.join(' → ') }, { at: source.locate([t.table]), path: t.table }));
      return;
    }
    state.set(t.table, 'visiting');
    for (const d of deps(t)) if (d !== t.table) visit(byName.get(d)!, [...stack, t.table]);
    state.set(t.table, 'done');
    out.push(t);
  };
  for (const t of tables) visit(t, []);
  return out;
}

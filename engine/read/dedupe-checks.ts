import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { ColumnPlan, TablePlan } from '../plan/types.ts';
import type { SourceLocation } from '../diagnostics/diagnostic.ts';

type Where = (path: (string | number)[]) => { at?: SourceLocation; path: string };

/**
 * Checks of a table's dedupe that need its mapped columns:
 * - keep: max/min name the one order_by column whose value decides;
 * - on intervals, a key without channel_raw that omits a mapped direction or unit lets delivered and
 *   received reads of one meter and time collide (the common model's key is meter, channel, start).
 */
export function dedupeChecks(table: string, dedupe: NonNullable<TablePlan['dedupe']>, columns: ColumnPlan[], where: Where): Diagnostic[] {
  const out: Diagnostic[] = [];
  if ((dedupe.keep === 'max' || dedupe.keep === 'min') && dedupe.orderBy.length !== 1)
    out.push(diag('dedupe-order-needed', { keep: dedupe.keep, table, count: dedupe.orderBy.length }, where(['keep'])));
  if (table === 'intervals' && !dedupe.key.includes('channel_raw')) {
    // A constant tells reads apart no better than nothing.
    const varies = (c: string) => columns.some((p) => p.name === c && p.value.kind !== 'const');
    const missing = ['direction', 'unit'].filter((c) => varies(c) && !dedupe.key.includes(c));
    if (missing.length) out.push(diag('interval-key-direction', { key: dedupe.key.join(', '), missing: missing.join(' and ') }, where(['key'])));
  }
  return out;
}

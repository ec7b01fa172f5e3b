import { rowColumns, seriesPartition, windowColumns, withRows, type VeeInput } from './vee-parts.ts';

/**
 * `spike`: a read more than `factor` × the median of its neighbouring reads, the `window` reads
 * before and after it by position within its meter × channel ordered by start (a gap does not
 * widen the window; the first and last reads have fewer neighbours; a read without any has no
 * median and passes). Magnitudes are compared (net channels go negative), and a read must also be
 * above `min_value` in magnitude (default 0), so that a small read among zeros need not count.
 * The neighbours are 2 × window lag/lead values of one window partitioned by series: bounded
 * memory per row, no median over a large group.
 */
export function spikeFailing(v: VeeInput): { narrow: string; full: string } {
  const { d } = v;
  const x = d.quoteIdent(v.column);
  const w = Number(v.options.window ?? 4);
  const factor = Number(v.options.factor ?? 10);
  const minValue = Number(v.options.min_value ?? 0);
  const offsets = Array.from({ length: w }, (_, i) => i + 1);
  const neighbours = ['lag', 'lead'].flatMap((f) => offsets.map((k) => `${f}(${x}, ${k}) OVER w`));
  const carried = windowColumns(v);
  const reads = `SELECT ${rowColumns(d, carried, 't')}, ${d.medianOf(neighbours)} AS neighbour_median
  FROM (${v.scoped}) t WHERE t.${x} IS NOT NULL
  WINDOW w AS (PARTITION BY ${seriesPartition(d, 't.')} ORDER BY t.interval_start_ts)`;
  const abs = (e: string) => d.fn('abs', [e]);
  const isSpike = `${abs(`f.${x}`)} > ${factor} * ${abs('f.neighbour_median')} AND ${abs(`f.${x}`)} > ${minValue}`;
  const finding = `${d.numberText(`f.${x}`)} || ' vs median ' || ${d.numberText('f.neighbour_median')}`;
  const narrow = `SELECT ${rowColumns(d, carried, 'f')}, f.neighbour_median, ${finding} AS finding
FROM (${reads}) f WHERE ${isSpike}`;
  return withRows(v, narrow, ['neighbour_median', 'finding']);
}

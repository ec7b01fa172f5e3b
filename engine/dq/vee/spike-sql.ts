import type { Dialect } from '../../sql/dialect.ts';

/**
 * `spike`: a read more than `factor` × the median of its neighbouring reads, the `window` reads
 * before and after it by position within its meter × channel ordered by start (a gap does not
 * widen the window; the first and last reads have fewer neighbours; a read without any has no
 * median and passes). Magnitudes are compared (net channels go negative), and a read must also be
 * above `min_value` in magnitude (default 0), so that a small read among zeros need not count.
 * The neighbours are 2 × window lag/lead values of one window `w` partitioned by series (the series
 * pass, `series-pass.ts`): bounded memory per row, no median over a large group.
 */
export function spikeMedian(d: Dialect, x: string, options: Record<string, any>): string {
  const offsets = Array.from({ length: Number(options.window ?? 4) }, (_, i) => i + 1);
  return d.medianOf(['lag', 'lead'].flatMap((f) => offsets.map((k) => `${f}(${x}, ${k}) OVER w`)));
}

/** Whether read `x` is a spike against its neighbours' median `median`. */
export function isSpike(d: Dialect, x: string, median: string, options: Record<string, any>): string {
  const abs = (e: string) => d.fn('abs', [e]);
  const factor = Number(options.factor ?? 10);
  const minValue = Number(options.min_value ?? 0);
  return `${abs(x)} > ${factor} * ${abs(median)} AND ${abs(x)} > ${minValue}`;
}

/** The finding of a spike: `40 vs median 1`. */
export function spikeFinding(d: Dialect, x: string, median: string): string {
  return `${d.numberText(x)} || ' vs median ' || ${d.numberText(median)}`;
}

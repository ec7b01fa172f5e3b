import type { RulePlan } from '../../plan/rules.ts';
import { epochSeconds, rowColumns, seriesPartition, SERIES, windowColumns, type VeeInput } from './vee-parts.ts';
import { isSpike, spikeFinding, spikeMedian } from './spike-sql.ts';

/** The frozen and spike rules checked together: one table, scope and column; `table` names their pass's table. */
export interface SeriesGroup {
  rules: RulePlan[];
  table: string;
}

/** The series groups of a utility's rules (in rule order), by rule. */
export function seriesGroups(rules: RulePlan[]): Map<RulePlan, SeriesGroup> {
  const byKey = new Map<string, SeriesGroup>();
  const out = new Map<RulePlan, SeriesGroup>();
  for (const r of rules) {
    if (r.type !== 'frozen' && r.type !== 'spike') continue;
    const key = JSON.stringify([r.table, r.beforeDedupe, r.where ?? null, r.columns[0] ?? 'value']);
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { rules: [], table: `gf_dq_series_${byKey.size}` }));
    g.rules.push(r);
    out.set(r, g);
  }
  return out;
}

/**
 * The `frozen` and `spike` rules of one table, scope and column share one pass over the reads:
 * one window partitioned by series and ordered by start (spike's), carrying the lag/lead values
 * every spike rule's median needs and, for frozen, whether a read continues the run of the read
 * before it (same value, next slot) and whether the read after it continues its run. The pass keeps
 * only the reads a rule may fail (few), so each rule reads its failing rows from that small table.
 */
export interface SeriesPass {
  /** The statement that builds the pass's table (its text is the pass's identity). */
  prepare: string;
  cleanup: string;
  /** A spike rule's failing reads (narrow: the carried columns and the rule's own). */
  spike(rule: RulePlan): string;
  /**
   * A frozen rule's failing reads: runs over the kept reads, or the per-value runs (`frozen-sql.ts`) in series
   * with slot ties.
   */
  frozen(rule: RulePlan, byValue: (scoped: string) => string): string;
}

/** The series pass of a group's rules (the frozen and spike rules of one table, scope and column). */
export function seriesPass(v: VeeInput, group: SeriesGroup): SeriesPass {
  const { d } = v;
  const { rules, table: seriesTable } = group;
  const q = d.quoteIdent;
  const x = q(v.column);
  const spikes = rules.filter((r) => r.type === 'spike');
  const hasFrozen = rules.some((r) => r.type === 'frozen');
  const carried = windowColumns(v);
  const w = `PARTITION BY ${seriesPartition(d, 't.')} ORDER BY t.interval_start_ts`;
  const slot = d.fn('floor', [`${epochSeconds(d, 't.interval_start_ts')} / t.duration_seconds`]);
  const slotted = `SELECT ${rowColumns(d, carried, 't')}, ${slot} AS slot
    FROM (${v.scoped}) t WHERE t.${x} IS NOT NULL`;
  const at = (f: 'lag' | 'lead', e: string) => `${f}(${e}, 1) OVER w`;
  const items = [
    rowColumns(d, carried, 't'),
    't.slot',
    // Frozen: the read continues the run of the one before it / the one after it continues its run.
    `COALESCE(${at('lag', `t.${x}`)} = t.${x} AND ${at('lag', 't.slot')} = t.slot - 1, FALSE) AS same_prev`,
    `COALESCE(${at('lead', `t.${x}`)} = t.${x} AND ${at('lead', 't.slot')} = t.slot + 1, FALSE) AS same_next`,
    // Two reads of a series in one slot (misaligned or repeated starts): frozen counts per value there.
    `COALESCE(${at('lag', 't.slot')} = t.slot OR ${at('lead', 't.slot')} = t.slot, FALSE) AS tied`,
    // The median only where a read can be a spike at all (above min_value): most reads are not.
    ...spikes.map((r, i) => {
      const big = `${d.fn('abs', [`t.${x}`])} > ${Number(r.options.min_value ?? 0)}`;
      return `CASE WHEN ${big} THEN ${spikeMedian(d, `t.${x}`, r.options)} END AS ${q(`neighbour_median_${i}`)}`;
    }),
  ];
  const reads = `SELECT ${items.join(',\n    ')}
  FROM (${slotted}) t
  WINDOW w AS (${w})`;
  const median = (i: number) => `f.${q(`neighbour_median_${i}`)}`;
  const spiking = (r: RulePlan, i: number) => isSpike(d, `f.${x}`, median(i), r.options);
  const candidate = `f.${x} <> 0 AND (f.same_prev OR f.same_next)`;
  const keep = [...spikes.map(spiking), ...(hasFrozen ? [candidate, 'f.tied'] : [])];
  const prepare = `CREATE OR REPLACE TEMP TABLE ${q(seriesTable)} AS
SELECT * FROM (${reads}) f WHERE ${keep.map((k) => `(${k})`).join(' OR ') || 'FALSE'}`;
  const spike = (r: RulePlan) => {
    const i = spikes.indexOf(r);
    const finding = spikeFinding(d, `f.${x}`, median(i));
    return `SELECT ${rowColumns(d, carried, 'f')}, ${median(i)} AS neighbour_median, ${finding} AS finding
FROM ${q(seriesTable)} f WHERE ${spiking(r, i)}`;
  };
  const frozen = (r: RulePlan, byValue: (scoped: string) => string) => {
    const minRun = Number(r.options.min_run);
    const series = seriesPartition(d);
    const tiedSeries = `SELECT DISTINCT ${series}, TRUE AS in_tied FROM ${q(seriesTable)} WHERE tied`;
    const same = (a: string, b: string) =>
      SERIES.map((c) => `${a}.${q(c)} IS NOT DISTINCT FROM ${b}.${q(c)}`).join(' AND ');
    // Reads of series without slot ties: a run starts at a read that does not continue the one before
    // and ends at one the next does not continue; its slots are consecutive, so its length is theirs.
    const kept = `SELECT c.* FROM ${q(seriesTable)} c LEFT JOIN (${tiedSeries}) s ON ${same('s', 'c')}
    WHERE ${candidate.replace(/f\./g, 'c.')} AND s.in_tied IS NULL`;
    const before = `PARTITION BY ${series} ORDER BY interval_start_ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`;
    const after = `PARTITION BY ${series} ORDER BY interval_start_ts ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING`;
    const runs = `SELECT *, max(CASE WHEN NOT same_prev THEN interval_start_ts END) OVER before AS run_start,
    max(CASE WHEN NOT same_prev THEN slot END) OVER before AS first_slot,
    min(CASE WHEN NOT same_next THEN slot END) OVER after AS last_slot
  FROM (${kept}) k WINDOW before AS (${before}), after AS (${after})`;
    const length = d.cast('f.last_slot - f.first_slot + 1', 'bigint');
    const sized = `SELECT f.*, ${length} AS run_length FROM (${runs}) f`;
    const finding = `${d.cast('f.run_length', 'string')} || ' reads of ' || ${d.numberText(`f.${x}`)}`;
    const aligned = `SELECT ${rowColumns(d, carried, 'f')}, f.run_start, f.run_length, ${finding} AS finding
FROM (${sized}) f WHERE f.run_length >= ${minRun}`;
    const inTied = `SELECT t.* FROM (${v.scoped}) t JOIN (${tiedSeries}) s ON ${same('s', 't')}`;
    return `${aligned}
UNION ALL
${byValue(inTied)}`;
  };
  return { prepare, cleanup: `DROP TABLE IF EXISTS ${q(seriesTable)}`, spike, frozen };
}

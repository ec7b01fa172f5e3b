import type { TopLevelSpec } from 'vega-lite';
import type { TableAccount } from '../run/accounting.ts';
import type { Timing } from '../run/execute.ts';
import type { UsageData } from './data.ts';
import type { TrendPoint } from './trends.ts';

/**
 * Vega-Lite specs of the report's charts: plain JSON over small, already aggregated data sets.
 * Colours follow one palette: rows kept blue, rows removed orange, failures red.
 */
const KEPT = '#4c78a8';
const REMOVED = '#f58518';
const FAILING = '#e45756';
const config = {
  font: 'system-ui, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11 },
  // Node has no canvas to measure text: Vega estimates label widths generously, so give labels room.
  axisY: { labelLimit: 460 },
};
const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config, background: 'white' } as const;

const clip = (s: string, n = 56) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * read → rejected (by reason) → filtered → deduplicated → quarantined → written, one bar per step.
 * The steps are a list: when the accounting tells exact from conflicting duplicates, they become
 * two steps here in place of `deduplicated`.
 */
export function funnelSpec(a: TableAccount): TopLevelSpec {
  const steps = [
    { step: 'read', rows: a.read, kind: 'kept' },
    ...Object.entries(a.rejectedByReason).map(([reason, rows]) => ({
      step: `rejected: ${clip(reason)}`,
      rows,
      kind: 'removed',
    })),
    ...(Object.keys(a.rejectedByReason).length ? [] : [{ step: 'rejected', rows: 0, kind: 'removed' }]),
    { step: 'filtered', rows: a.filtered, kind: 'removed' },
    { step: 'deduplicated', rows: a.deduplicated, kind: 'removed' },
    { step: 'quarantined', rows: a.quarantined, kind: 'removed' },
    { step: 'written', rows: a.written, kind: 'kept' },
  ].map((s, order) => ({ ...s, order }));
  const y = { field: 'step', type: 'nominal', sort: { field: 'order', op: 'min' }, title: null } as const;
  return {
    ...base,
    title: { text: a.table, anchor: 'start', fontSize: 12 },
    width: 300,
    height: { step: 18 },
    data: { values: steps },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y,
          x: { field: 'rows', type: 'quantitative', title: 'rows' },
          color: {
            field: 'kind',
            type: 'nominal',
            scale: { domain: ['kept', 'removed'], range: [KEPT, REMOVED] },
            legend: null,
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
        encoding: {
          y,
          x: { field: 'rows', type: 'quantitative' },
          text: { field: 'rows', type: 'quantitative', format: ',' },
        },
      },
    ],
  };
}

/** Written rows of a table not linked to the table their key refers to, per relationship. */
export function orphansSpec(orphans: { relationship: string; rows: number }[]): TopLevelSpec {
  return {
    ...base,
    width: 300,
    height: { step: 18 },
    data: { values: orphans },
    mark: { type: 'bar', color: FAILING },
    encoding: {
      y: { field: 'relationship', type: 'nominal', title: null, sort: '-x' },
      x: { field: 'rows', type: 'quantitative', title: 'orphan rows' },
    },
  };
}

/** Wall seconds per phase, stacked by utility. */
export function durationsSpec(timings: Timing[]): TopLevelSpec {
  const sums = new Map<string, { utility: string; phase: string; seconds: number }>();
  for (const t of timings) {
    const k = `${t.utility}/${t.phase}`;
    const s = sums.get(k) ?? { utility: t.utility, phase: t.phase, seconds: 0 };
    s.seconds += t.seconds;
    sums.set(k, s);
  }
  return {
    ...base,
    width: 360,
    height: { step: 20 },
    data: { values: [...sums.values()] },
    mark: 'bar',
    encoding: {
      y: {
        field: 'phase',
        type: 'nominal',
        title: null,
        sort: ['standardize', 'dq', 'product', 'experience', 'write'],
      },
      x: { field: 'seconds', type: 'quantitative', title: 'seconds', aggregate: 'sum' },
      color: { field: 'utility', type: 'nominal', title: 'utility' },
    },
  };
}

/** The data of a trend chart (its named data set `points`). */
export function trendData(points: TrendPoint[]): { points: object[] } {
  return { points: points.map((p) => ({ run: p.run, failing: p.failing, spike: p.spike ? 'spike' : 'run' })) };
}

/**
 * A rule's failing rows over the runs of the history: a line, a point per run, spikes red. The same
 * spec for every rule (the points come by name, `trendData`), so it is compiled once.
 */
export function trendSpec(): TopLevelSpec {
  const x = { field: 'run', type: 'ordinal', axis: null } as const;
  const y = { field: 'failing', type: 'quantitative', axis: null, scale: { zero: true } } as const;
  return {
    ...base,
    width: 140,
    height: 28,
    padding: 3,
    data: { name: 'points' },
    layer: [
      { mark: { type: 'line', color: '#888', strokeWidth: 1.5 }, encoding: { x, y } },
      { mark: { type: 'point', filled: true, color: KEPT, size: 20 }, encoding: { x, y } },
      {
        transform: [{ filter: "datum.spike === 'spike'" }],
        mark: { type: 'point', filled: true, color: FAILING, size: 70 },
        encoding: { x, y },
      },
    ],
  };
}

/** Histogram of the interval values of one utility and unit. */
export function distributionSpec(bins: UsageData['distribution']): TopLevelSpec {
  return {
    ...base,
    width: 300,
    height: 120,
    data: { values: bins },
    mark: { type: 'bar', color: KEPT, binSpacing: 1 },
    encoding: {
      x: { field: 'bin_start', type: 'quantitative', bin: { binned: true }, title: 'value' },
      x2: { field: 'bin_end' },
      y: { field: 'rows', type: 'quantitative', title: 'interval rows' },
    },
  };
}

/** Usage per local day of one utility, a line per unit and direction. */
export function dailySpec(days: UsageData['daily']): TopLevelSpec {
  return {
    ...base,
    width: 420,
    height: 140,
    data: { values: days },
    mark: { type: 'line', point: { size: 16 } },
    encoding: {
      x: { field: 'day', type: 'temporal', title: 'local day', timeUnit: 'utcyearmonthdate' },
      y: { field: 'total', type: 'quantitative', title: 'total usage' },
      color: { field: 'series', type: 'nominal', title: 'unit, direction' },
    },
  };
}

/** Interval reads present per local day (bars) against the reads expected (the line). */
export function completenessSpec(days: UsageData['completeness']): TopLevelSpec {
  const x = { field: 'day', type: 'temporal', title: 'local day', timeUnit: 'utcyearmonthdate' } as const;
  return {
    ...base,
    width: 420,
    height: 140,
    data: { values: days },
    layer: [
      {
        mark: { type: 'bar', color: KEPT },
        encoding: { x, y: { field: 'actual', type: 'quantitative', title: 'reads' } },
      },
      {
        mark: { type: 'line', color: FAILING, point: { color: FAILING, size: 12 } },
        encoding: { x, y: { field: 'expected', type: 'quantitative' } },
      },
    ],
  };
}

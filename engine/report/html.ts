import type { RuleResult } from '../dq/types.ts';
import type { RunRecord } from './run-record.ts';
import type { UsageData } from './data.ts';
import { reportCss } from './style.ts';

/** Everything the page shows, with the charts already rendered to SVG. */
export interface ReportPage {
  record: RunRecord;
  generatedAt: string;
  durationsSvg: string;
  rules: { result: RuleResult; trendSvg: string; runs: number; spikes: number }[];
  utilities: UtilityPage[];
}

export interface UtilityPage {
  utility: string;
  funnels: { table: string; svg: string }[];
  orphans: { relationship: string; rows: number }[];
  orphansSvg?: string;
  distributions: { range: UsageData['ranges'][number]; svg: string }[];
  dailySvg?: string;
  completenessSvg?: string;
  completeness?: { actual: number; expected: number };
  /** Relative link to the external failure samples of the utility, when the set has some. */
  failuresHref?: string;
  failingRules: string[];
}

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const int = (n: number) => n.toLocaleString('en-US');
const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 3 });
const bytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`);
const pct = (r: RuleResult) => (r.status === 'skipped' || r.type === 'row_count' || r.type === 'freshness' ? '' : `${r.percent.toFixed(2)}%`);
const figure = (svg: string, caption: string, kind: string) =>
  `<figure class="chart" data-chart="${esc(kind)}">${svg}<figcaption>${esc(caption)}</figcaption></figure>`;

/** The page: one self-contained HTML document (inline CSS and SVG, no script, no network). */
export function reportHtml(p: ReportPage): string {
  const r = p.record;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>gridflow run report — ${esc(r.runId)}</title><style>${reportCss}</style></head>
<body><main>
<header><h1>gridflow run report</h1>
<p class="lead">Run <b>${esc(r.runId)}</b>, run date ${esc(r.dq.runDate.slice(0, 10))}, ${esc(r.seconds.toFixed(1))} s.
Report built ${esc(p.generatedAt)}. Row data appears only as aggregates of the external access level.</p>
${summary(p)}</header>
${runSection(p)}
${rulesSection(p)}
${p.utilities.map(utilitySection).join('\n')}
</main></body></html>
`;
}

function summary(p: ReportPage): string {
  const s = p.record.dq.summary;
  const written = p.record.accounts.reduce((a, x) => a + x.written, 0);
  const read = p.record.accounts.reduce((a, x) => a + x.read, 0);
  const boxes = [['rows read', int(read)], ['rows written', int(written)], ['rules pass', s.pass], ['warn', s.warn], ['error', s.error]];
  return `<div class="summary">${boxes.map(([k, v]) => `<div><b>${esc(v)}</b>${esc(k)}</div>`).join('')}</div>`;
}

function runSection(p: ReportPage): string {
  const r = p.record;
  const inputs = (r.inputs ?? []).map(
    (i) => `<tr><td>${esc(i.utility)}</td><td>${esc(i.table)}</td><td>${esc(i.file)}</td>` +
      `<td class="num">${esc(bytes(i.bytes))}</td><td class="hash">${esc(i.sha256)}</td></tr>`,
  );
  const inputTable = inputs.length
    ? `<table class="inputs"><tr><th>utility</th><th>table</th><th>file</th><th class="num">size</th><th>SHA-256</th></tr>${inputs.join('')}</table>`
    : `<p class="muted">The run record lists no input files.</p>`;
  return `<section id="run"><h2>The run</h2>
<table class="run"><tr><th>run id</th><td>${esc(r.runId)}</td></tr><tr><th>run date</th><td>${esc(r.dq.runDate)}</td></tr>
<tr><th>mappings</th><td>${(r.mappings ?? []).map(esc).join('<br>')}</td></tr>
<tr><th>wall time</th><td>${esc(r.seconds.toFixed(2))} s</td></tr></table>
<h3>Inputs</h3>${inputTable}
<h3>Durations per phase</h3><div class="charts">${figure(p.durationsSvg, 'Wall seconds per phase and utility', 'durations')}</div>
</section>`;
}

function rulesSection(p: ReportPage): string {
  const rows = p.rules.map(({ result: x, trendSvg, runs, spikes }) =>
    `<tr class="rule" data-utility="${esc(x.utility)}" data-rule="${esc(x.rule)}">` +
      `<td><span class="status status-${esc(x.status)}">${esc(x.status.toUpperCase())}</span></td>` +
      `<td>${esc(x.utility)}</td><td>${esc(x.table)}</td><td>${esc(x.rule)}</td><td>${esc(x.type)}</td><td>${esc(x.action)}</td>` +
      `<td class="num">${x.status === 'skipped' ? '-' : int(x.failing)}</td><td class="num">${pct(x)}</td>` +
      `<td class="trend" title="failing rows over ${runs} run(s)">${trendSvg}</td>` +
      `<td>${spikes ? `<span class="spike">${spikes} spike(s)</span> ` : ''}${esc(x.detail ?? '')}</td></tr>`,
  );
  return `<section id="rules"><h2>Data-quality rules</h2>
<p class="muted">Every rule of the run, errors first. The trend shows the failing rows of each run in the history
(<code>_dq/history.jsonl</code>); a red point is a spike (more than the spike factor times the previous run's count).</p>
<table class="rules"><tr><th>status</th><th>utility</th><th>table</th><th>rule</th><th>type</th><th>action</th>
<th class="num">failing</th><th class="num">%</th><th>trend</th><th>details</th></tr>${rows.join('\n')}</table></section>`;
}

function utilitySection(u: UtilityPage): string {
  const parts = [`<h3>Row funnel</h3><div class="charts">${u.funnels.map((f) => figure(f.svg, `${f.table}: where every input row went`, 'funnel')).join('')}</div>`];
  parts.push(
    u.orphansSvg
      ? `<h3>Orphans by relationship</h3><div class="charts">${figure(u.orphansSvg, 'Written rows whose key is missing or unknown in the table it refers to', 'orphans')}</div>`
      : `<h3>Orphans by relationship</h3><p class="muted">No orphan rows.</p>`,
  );
  if (u.distributions.length) {
    const figs = u.distributions.map((d) =>
      figure(d.svg, `${d.range.unit}: ${int(d.range.rows)} reads, min ${num(d.range.min)}, p99 ${num(d.range.p99)}, max ${num(d.range.max)} (last bar: values above p99)`, 'distribution'),
    );
    parts.push(`<h3>Value distributions per unit</h3><div class="charts">${figs.join('')}</div>`);
  }
  if (u.dailySvg) parts.push(`<h3>Daily totals</h3><div class="charts">${figure(u.dailySvg, 'Total usage per local day', 'daily')}</div>`);
  if (u.completenessSvg && u.completeness) {
    const c = u.completeness;
    const share = c.expected ? `${((c.actual / c.expected) * 100).toFixed(1)}%` : '-';
    parts.push(`<h3>Completeness</h3><div class="charts">${figure(u.completenessSvg, `Reads present (bars) vs expected (line) per local day: ${int(c.actual)} of ${int(c.expected)} (${share})`, 'completeness')}</div>`);
  }
  parts.push(
    u.failuresHref
      ? `<h3>Failure samples</h3><p><a href="${esc(u.failuresHref)}">${esc(u.failuresHref)}</a> — sample rows of ${u.failingRules.length} failing rule(s), masked at the external level: ${u.failingRules.map(esc).join(', ')}</p>`
      : `<h3>Failure samples</h3><p class="muted">No failure samples.</p>`,
  );
  return `<section class="utility" id="utility-${esc(u.utility)}" data-utility="${esc(u.utility)}"><h2>${esc(u.utility)}</h2>\n${parts.join('\n')}\n</section>`;
}

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
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const int = (n: number) => n.toLocaleString('en-US');
const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 3 });
const bytes = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`;
const pct = (r: RuleResult) =>
  r.status === 'skipped' || r.type === 'row_count' || r.type === 'freshness' ? '' : `${r.percent.toFixed(2)}%`;
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
  const boxes = [
    ['rows read', int(read)],
    ['rows written', int(written)],
    ['rules pass', s.pass],
    ['warn', s.warn],
    ['error', s.error],
  ];
  return `<div class="summary">${boxes.map(([k, v]) => `<div><b>${esc(v)}</b>${esc(k)}</div>`).join('')}</div>`;
}

const cells = (tag: 'td' | 'th', xs: string[], cls: (i: number) => string = () => '') =>
  xs.map((x, i) => `<${tag}${cls(i) ? ` class="${cls(i)}"` : ''}>${x}</${tag}>`).join('');
const block = (title: string, body: string) => `<h3>${esc(title)}</h3>${body}`;
const charts = (...figures: string[]) => `<div class="charts">${figures.join('')}</div>`;
const muted = (text: string) => `<p class="muted">${esc(text)}</p>`;

function runSection(p: ReportPage): string {
  const r = p.record;
  const inputClass = (c: number) => ['', '', '', 'num', 'hash'][c];
  const inputs = (r.inputs ?? []).map((i) => {
    const row = [i.utility, i.table, i.file, bytes(i.bytes), i.sha256].map(esc);
    return `<tr>${cells('td', row, inputClass)}</tr>`;
  });
  const head = `<tr>${cells('th', ['utility', 'table', 'file', 'size', 'SHA-256'], inputClass)}</tr>`;
  const inputTable = inputs.length
    ? `<table class="inputs">${head}${inputs.join('')}</table>`
    : muted('The run record lists no input files.');
  const facts = [
    ['run id', esc(r.runId)],
    ['run date', esc(r.dq.runDate)],
    ['mappings', (r.mappings ?? []).map(esc).join('<br>')],
    ['wall time', `${esc(r.seconds.toFixed(2))} s`],
  ];
  return `<section id="run"><h2>The run</h2>
<table class="run">${facts.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>
${block('Inputs', inputTable)}
${block('Durations per phase', charts(figure(p.durationsSvg, 'Wall seconds per phase and utility', 'durations')))}
</section>`;
}

const RULE_HEAD = ['status', 'utility', 'table', 'rule', 'type', 'action', 'failing', '%', 'trend', 'details'];
const ruleCellClass = (i: number) => (i === 6 || i === 7 ? 'num' : i === 8 ? 'trend' : '');

function rulesSection(p: ReportPage): string {
  const rows = p.rules.map(({ result: x, trendSvg, spikes }) => {
    const status = `<span class="status status-${esc(x.status)}">${esc(x.status.toUpperCase())}</span>`;
    const spike = spikes ? `<span class="spike">${spikes} spike(s)</span> ` : '';
    const failing = x.status === 'skipped' ? '-' : int(x.failing);
    const row = [status, ...[x.utility, x.table, x.rule, x.type, x.action].map(esc), failing, pct(x), trendSvg];
    const attrs = `class="rule" data-utility="${esc(x.utility)}" data-rule="${esc(x.rule)}"`;
    return `<tr ${attrs}>${cells('td', [...row, spike + esc(x.detail ?? '')], ruleCellClass)}</tr>`;
  });
  return `<section id="rules"><h2>Data-quality rules</h2>
<p class="muted">Every rule of the run, errors first. The trend shows the failing rows of each run in the history
(<code>_dq/history.jsonl</code>); a red point is a spike (more than the spike factor times the previous run's count).
</p>
<table class="rules"><tr>${cells('th', RULE_HEAD, ruleCellClass)}</tr>${rows.join('\n')}</table></section>`;
}

function utilitySection(u: UtilityPage): string {
  const funnels = u.funnels.map((f) => figure(f.svg, `${f.table}: where every input row went`, 'funnel'));
  const orphanText = 'Written rows whose key is missing or unknown in the table it refers to';
  const parts = [
    block('Row funnel', charts(...funnels)),
    block(
      'Orphans by relationship',
      u.orphansSvg ? charts(figure(u.orphansSvg, orphanText, 'orphans')) : muted('No orphan rows.'),
    ),
  ];
  if (u.distributions.length) {
    const figs = u.distributions.map(({ range: d, svg }) => {
      const caption = `${d.unit}: ${int(d.rows)} reads, min ${num(d.min)}, p99 ${num(d.p99)}, max ${num(d.max)}`;
      return figure(svg, `${caption} (last bar: values above p99)`, 'distribution');
    });
    parts.push(block('Value distributions per unit', charts(...figs)));
  }
  if (u.dailySvg) parts.push(block('Daily totals', charts(figure(u.dailySvg, 'Total usage per local day', 'daily'))));
  if (u.completenessSvg && u.completeness) {
    const c = u.completeness;
    const share = c.expected ? `${((c.actual / c.expected) * 100).toFixed(1)}%` : '-';
    const caption = `Reads present (bars) vs expected (line) per local day: ${int(c.actual)} of ${int(c.expected)}`;
    parts.push(block('Completeness', charts(figure(u.completenessSvg, `${caption} (${share})`, 'completeness'))));
  }
  const link = u.failuresHref && `<a href="${esc(u.failuresHref)}">${esc(u.failuresHref)}</a>`;
  const rules = u.failingRules.map(esc).join(', ');
  const samples = link ? `<p>${link} — sample rows of the failing rules: ${rules}</p>` : muted('No failure samples.');
  parts.push(block('Failure samples', samples));
  const attrs = `class="utility" id="utility-${esc(u.utility)}" data-utility="${esc(u.utility)}"`;
  return `<section ${attrs}><h2>${esc(u.utility)}</h2>\n${parts.join('\n')}\n</section>`;
}

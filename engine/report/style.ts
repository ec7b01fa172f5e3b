/** The report's stylesheet: readable on a laptop screen, and printable (A4/Letter, sections kept whole). */
export const reportCss = `
:root {
  --fg: #1d2327; --muted: #5f6b73; --line: #d8dee3; --warn: #b26b00; --error: #c62828; --pass: #2e7d32;
}
* { box-sizing: border-box; }
body {
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0; background: #f6f8fa;
}
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; background: white; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
p.lead, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { background: #f0f3f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.hash { font-family: ui-monospace, monospace; font-size: 11px; word-break: break-all; }
.status { font-weight: 700; font-size: 11px; padding: 1px 6px; border-radius: 3px; color: white; }
.status-pass { background: var(--pass); } .status-warn { background: var(--warn); }
.status-error { background: var(--error); } .status-skipped { background: #8a949b; }
.spike { color: var(--error); font-weight: 700; }
.summary { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.summary div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.summary b { display: block; font-size: 20px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: flex-start; }
figure.chart { margin: 0; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: var(--muted); }
td.trend svg { display: block; }
@media print {
  body { background: white; font-size: 11px; }
  main { max-width: none; padding: 0; }
  section.utility { break-before: page; }
  figure.chart, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 10px; color: var(--muted); }
}
@page { margin: 14mm; }
`;

import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RuleResult } from '../dq/types.ts';
import { openDuckDb } from '../engines/duckdb-engine.ts';
import { registerPublishedViews } from '../query/published-views.ts';
import {
  completenessSpec,
  dailySpec,
  distributionSpec,
  durationsSpec,
  funnelSpec,
  orphansSpec,
  trendData,
  trendSpec,
} from './charts.ts';
import { queryUsage, type UsageData } from './data.ts';
import { reportHtml, type UtilityPage } from './html.ts';
import { publishedSetDir, reportFile } from './published-set.ts';
import { renderSvg } from './render-svg.ts';
import type { RunRecord } from './run-record.ts';
import { loadTrends, type TrendPoint } from './trends.ts';

const ORDER = { error: 0, warn: 1, pass: 2, skipped: 3 };
const DEFAULT_SPIKE_FACTOR = 2;

/**
 * Builds `<out>/_report/index.html` for one run: (1) the usage aggregates, queried over the
 * published set, (2) the rule trends from the history, (3) the charts rendered to SVG, (4) the page,
 * written beside and renamed over the previous one. Returns the file written.
 */
export async function writeReport(outDir: string, record: RunRecord): Promise<string> {
  const setDir = publishedSetDir(outDir);
  const usage = await queryPublished(setDir);
  const trends = loadTrends(outDir, record.spikeFactor ?? DEFAULT_SPIKE_FACTOR);
  const file = reportFile(outDir);
  const results = [...record.dq.results].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || a.utility.localeCompare(b.utility) || a.rule.localeCompare(b.rule),
  );
  const rules = [];
  for (const result of results) rules.push(await ruleRow(result, trends.get(`${result.utility}/${result.rule}`) ?? []));
  const utilities = [];
  for (const u of utilitiesOf(record)) utilities.push(await utilityPage(u, record, usage, setDir, path.dirname(file)));
  const html = reportHtml({
    record,
    generatedAt: new Date().toISOString(),
    durationsSvg: await renderSvg(durationsSpec(record.timings)),
    rules,
    utilities,
  });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, html);
  renameSync(`${file}.tmp`, file);
  return file;
}

async function queryPublished(setDir: string): Promise<UsageData> {
  const engine = await openDuckDb({ threads: 2 });
  try {
    return await queryUsage(engine, await registerPublishedViews(engine, setDir));
  } finally {
    engine.close();
  }
}

async function ruleRow(result: RuleResult, points: TrendPoint[]) {
  return {
    result,
    trendSvg: await renderSvg(trendSpec(), trendData(points)),
    runs: points.length,
    spikes: points.filter((p) => p.spike).length,
  };
}

function utilitiesOf(record: RunRecord): string[] {
  return [...new Set([...record.accounts.map((a) => a.utility), ...record.dq.results.map((r) => r.utility)])];
}

async function utilityPage(
  utility: string,
  record: RunRecord,
  usage: UsageData,
  setDir: string,
  reportDir: string,
): Promise<UtilityPage> {
  const mine = <T extends { utility_id: string }>(rows: T[]) => rows.filter((r) => r.utility_id === utility);
  const accounts = record.accounts.filter((a) => a.utility === utility);
  const funnels = [];
  for (const a of accounts) funnels.push({ table: a.table, svg: await renderSvg(funnelSpec(a)) });
  const orphans = accounts.flatMap((a) =>
    Object.entries(a.orphans).map(([fk, rows]) => ({ relationship: `${a.table}.${fk}`, rows })),
  );
  const hasOrphans = orphans.some((o) => o.rows > 0);
  const distributions = [];
  for (const range of mine(usage.ranges)) {
    const bins = mine(usage.distribution).filter((b) => b.unit === range.unit);
    distributions.push({ range, svg: await renderSvg(distributionSpec(bins)) });
  }
  const daily = mine(usage.daily);
  const completeness = mine(usage.completeness);
  const failures = path.join(setDir, 'dq', 'failures', `utility_id=${utility}`);
  const failing = record.dq.results.filter((r) => r.utility === utility && r.failing > 0 && r.status !== 'skipped');
  return {
    utility,
    funnels,
    orphans,
    orphansSvg: hasOrphans ? await renderSvg(orphansSpec(orphans)) : undefined,
    distributions,
    dailySvg: daily.length ? await renderSvg(dailySpec(daily)) : undefined,
    completenessSvg: completeness.length ? await renderSvg(completenessSpec(completeness)) : undefined,
    completeness: completeness.length
      ? { actual: sum(completeness.map((c) => c.actual)), expected: sum(completeness.map((c) => c.expected)) }
      : undefined,
    failuresHref: existsSync(failures) ? path.relative(reportDir, failures).split(path.sep).join('/') + '/' : undefined,
    failingRules: failing.map((r) => r.rule),
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + Number(b ?? 0), 0);

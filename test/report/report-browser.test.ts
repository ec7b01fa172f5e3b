import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../engine/report/run-record.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

/**
 * The run report in a real browser: three sample runs into one output folder (so every rule's trend
 * has three points), then headless Chromium loads `_report/index.html` from disk. Skipped only with
 * GRIDFLOW_SKIP_BROWSER=1; without Chromium it fails and says how to install it.
 */
const CHROMIUM = '/usr/bin/chromium';
const skip = process.env.GRIDFLOW_SKIP_BROWSER === '1';
const RUNS = 3;

describe.skipIf(skip)('run report in headless Chromium', () => {
  const out = path.join(tempDir().dir, 'out');
  const requests: string[] = [];
  let browser: Browser;
  let page: Page;
  let record: RunRecord;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `headless Chromium not found at ${CHROMIUM}: install Debian's package with ` +
          '`apt-get update && apt-get install -y chromium` (or set GRIDFLOW_SKIP_BROWSER=1 to skip this test)',
      );
    }
    for (let i = 0; i < RUNS; i++) {
      const r = await cli(
        'run',
        '-q',
        '--mapping',
        'mappings/utility1.yaml',
        '--mapping',
        'mappings/utility2.yaml',
        '--out',
        out,
      );
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`report: ${path.join(out, '_report', 'index.html')}`);
    }
    const runs = readdirSync(path.join(out, '_runs')).map((f) => path.join(out, '_runs', f));
    const last = runs.reduce((a, b) => (statSync(b).mtimeMs >= statSync(a).mtimeMs ? b : a));
    record = JSON.parse(readFileSync(last, 'utf8'));
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => void requests.push(r.url()));
    await page.goto(pathToFileURL(path.join(out, '_report', 'index.html')).href);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('is one offline file: the page loads nothing but itself', () => {
    expect(requests).toEqual([pathToFileURL(path.join(out, '_report', 'index.html')).href]);
  });

  it('shows the run: its id, every input with size and SHA-256, durations as a chart', async () => {
    expect(await page.locator('#run').textContent()).toContain(record.runId);
    const hashes = await page.locator('table.inputs td.hash').allTextContents();
    expect(hashes).toHaveLength(6);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('#run figure[data-chart=durations] svg .role-mark path').count()).toBeGreaterThan(0);
  });

  it('has a section per utility: funnel per table, orphans, distributions, daily totals, completeness', async () => {
    expect(
      await page.locator('section.utility').evaluateAll((s) => s.map((e) => e.getAttribute('data-utility'))),
    ).toEqual(['UTILITY1', 'UTILITY2']);
    for (const u of ['UTILITY1', 'UTILITY2']) {
      const section = page.locator(`section.utility[data-utility=${u}]`);
      // a funnel per table, each with a bar per step (read, rejected…, filtered, deduplicated, quarantined, written)
      const funnels = section.locator('figure[data-chart=funnel]');
      expect(await funnels.count()).toBe(3);
      for (let i = 0; i < 3; i++)
        expect(await funnels.nth(i).locator('.mark-rect path').count()).toBeGreaterThanOrEqual(6);
      for (const chart of ['orphans', 'distribution', 'daily', 'completeness']) {
        expect(
          await section.locator(`figure[data-chart=${chart}] svg .role-mark path`).count(),
          `${u} ${chart}`,
        ).toBeGreaterThan(0);
      }
      const href = await section.locator('a[href*="dq/failures"]').getAttribute('href');
      expect(existsSync(path.join(out, '_report', href!)), `${u} failure samples ${href}`).toBe(true);
    }
  });

  it('has a row per rule, each with a trend of three runs', async () => {
    const rows = page.locator('tr.rule');
    expect(await rows.count()).toBe(record.dq.results.length);
    const keys = await rows.evaluateAll((r) =>
      r.map((e) => `${e.getAttribute('data-utility')}/${e.getAttribute('data-rule')}`),
    );
    expect(keys.sort()).toEqual(record.dq.results.map((r) => `${r.utility}/${r.rule}`).sort());
    const points = await rows.evaluateAll((r) => r.map((e) => e.querySelectorAll('td.trend .mark-symbol path').length));
    expect(new Set(points)).toEqual(new Set([RUNS]));
  });

  it('shows no row-level values (no sample keys from the rule results)', async () => {
    const text = (await page.locator('body').textContent()) ?? '';
    for (const r of record.dq.results) for (const key of r.sample) expect(text).not.toContain(key);
  });

  it('prints each utility on its own page', async () => {
    await page.emulateMedia({ media: 'print' });
    const breaks = await page
      .locator('section.utility')
      .evaluateAll((s) => s.map((e) => getComputedStyle(e).breakBefore));
    expect(breaks).toEqual(['page', 'page']);
    await page.emulateMedia({ media: 'screen' });
  });

  it('renders to a screenshot that is not blank', async () => {
    const png = PNG.sync.read(await page.screenshot({ fullPage: true }));
    const colours = new Set<number>();
    let inked = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      colours.add((r << 16) | (g << 8) | b);
      if (r + g + b < 600) inked++;
    }
    expect(png.height).toBeGreaterThan(2000);
    expect(colours.size).toBeGreaterThan(100);
    expect(inked / (png.width * png.height)).toBeGreaterThan(0.01);
  });
});

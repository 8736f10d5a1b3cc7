import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticQueries } from '../../src/analytics/queries.js';
import { buildReport } from '../../src/dashboard/report.js';
import { startDashboard, type DashboardServer } from '../../src/dashboard/server.js';
import { buildSampleWarehouse, type SampleWarehouse } from '../analytics/sample-warehouse.js';
import { sampleAvailable } from '../helpers/sample.js';
import { artifactPath, chartStats, chromiumAvailable, launchChromium, watchPage, type ChartStats } from './browser.js';

const charted = analyticQueries.filter((q) => q.chart).map((q) => q.name);
const runBrowser = chromiumAvailable() && sampleAvailable();

/** Every chart-bearing analysis has a Chart with data that it actually draws. */
function expectChartsDrawn(stats: ChartStats[]): void {
  expect(stats.map((s) => s.name).sort()).toEqual([...charted].sort());
  for (const chart of stats) {
    const nonZero = chart.values.filter((v) => v > 0).length;
    expect(nonZero, `${chart.name} has data`).toBeGreaterThan(0);
    expect(chart.drawn, `${chart.name} draws its data`).toBeGreaterThanOrEqual(nonZero);
    expect(chart.painted, `${chart.name} canvas is painted`).toBeGreaterThan(2000);
  }
}

async function waitReady(page: Page, revisionAbove = 0): Promise<void> {
  await page.waitForFunction((n) => document.body.dataset.state === 'ready' && Number(document.body.dataset.revision) > n, revisionAbove, { timeout: 30_000 });
}

describe.skipIf(!runBrowser)('the dashboard in headless Chromium', () => {
  let sample: SampleWarehouse;
  let server: DashboardServer;
  let browser: Browser;
  beforeAll(async () => {
    sample = await buildSampleWarehouse('duckdb');
    server = await startDashboard(sample.warehouse!, { port: 0, onError: (error) => console.error(error) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sample?.dispose();
  });

  it('loads without console errors, draws every chart with data, and shows the last run', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const seen = watchPage(page);
    await page.goto(server.url);
    await waitReady(page);
    expectChartsDrawn(await chartStats(page));
    await expect(page.locator('#last-run').innerText()).resolves.toMatch(/6,820\s+songplays[\s\S]*0\s+rejected events[\s\S]*15 \/ 15\s+checks passed/);
    await expect(page.locator('#card-sessions .tiles').innerText()).resolves.toMatch(/776\s+sessions/);
    await page.screenshot({ path: artifactPath('dashboard.png'), fullPage: true });
    expect(seen.problems).toEqual([]);
    // Only its own page, chart.js and the API: nothing from the network.
    expect(seen.requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  });

  it('the date filter changes what every chart shows, and bad input shows the API message', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const seen = watchPage(page);
    await page.goto(server.url);
    await waitReady(page);
    const before = await chartStats(page);
    await page.fill('input[name=from]', '2018-11-10');
    await page.fill('input[name=to]', '2018-11-12');
    await page.selectOption('select[name=limit]', '5');
    await page.click('button[type=submit]');
    await waitReady(page, 1);
    const after = await chartStats(page);
    const byName = (stats: ChartStats[], name: string) => stats.find((s) => s.name === name)!;
    expect(byName(after, 'plays-by-day').labels).toEqual(['2018-11-10', '2018-11-11', '2018-11-12']);
    expect(byName(after, 'plays-by-day').values).toEqual([87, 73, 166]);
    expect(byName(after, 'top-users').labels).toHaveLength(5);
    expect(byName(after, 'plays-by-hour').values.reduce((a, b) => a + b, 0)).toBe(87 + 73 + 166);
    expect(byName(after, 'plays-by-weekday').values).not.toEqual(byName(before, 'plays-by-weekday').values);
    expect(new URL(page.url()).search).toBe('?from=2018-11-10&to=2018-11-12&limit=5');
    await page.screenshot({ path: artifactPath('dashboard-filtered.png'), fullPage: true });

    await page.fill('input[name=from]', '2018-11-20');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.body.dataset.state === 'error');
    await expect(page.locator('#error').innerText()).resolves.toBe('from 2018-11-20 is after to 2018-11-12');
    expect(byName(await chartStats(page), 'plays-by-day').values).toEqual([87, 73, 166]);
    // The 400 answers are expected here; nothing else may go wrong.
    expect(seen.problems.filter((p) => !p.includes('400 (Bad Request)'))).toEqual([]);
    await page.close();
  });

  it('the report file opens offline from file:// and draws the same charts', async () => {
    const file = artifactPath('report.html');
    await writeFile(file, await buildReport(sample.warehouse!, { from: '2018-11-05', to: '2018-11-25' }));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const seen = watchPage(page);
    await page.goto(pathToFileURL(file).href);
    await waitReady(page);
    const stats = await chartStats(page);
    expectChartsDrawn(stats);
    expect(stats.find((s) => s.name === 'plays-by-day')?.labels).toHaveLength(21);
    await expect(page.locator('#report-filter').innerText()).resolves.toContain('Snapshot: 2018-11-05 to 2018-11-25');
    await expect(page.locator('#filter').isHidden()).resolves.toBe(true);
    await page.screenshot({ path: artifactPath('report.png'), fullPage: true });
    expect(seen.problems).toEqual([]);
    expect(seen.requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  });
});

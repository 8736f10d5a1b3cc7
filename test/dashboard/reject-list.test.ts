import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/dashboard/report.js';
import { startDashboard, type DashboardServer } from '../../src/dashboard/server.js';
import { openWarehouse } from '../../src/engines/registry.js';
import type { Warehouse } from '../../src/engines/warehouse.js';
import { configFromSettings, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { eventRecord } from '../helpers/records.js';

const good = eventRecord({
  artist: 'Elena',
  auth: 'Logged In',
  firstName: 'Lily',
  gender: 'F',
  lastName: 'Koch',
  length: 269.58,
  level: 'paid',
  location: 'Chicago, IL',
  method: 'PUT',
  registration: 1541048010796,
  sessionId: 818,
  song: 'Setanta matins',
  status: 200,
  ts: 1542837407796,
  userId: '15',
});

/** Seven different reasons: two malformed lines, then one bad value in each of five fields, the first of them twice. */
const lines = [
  JSON.stringify(good),
  '{"artist": broken',
  'not json',
  JSON.stringify({ ...good, sessionId: 'x' }),
  JSON.stringify({ ...good, sessionId: 'x' }),
  JSON.stringify({ ...good, itemInSession: 'x' }),
  JSON.stringify({ ...good, ts: 'x' }),
  JSON.stringify({ ...good, status: 'x' }),
  JSON.stringify({ ...good, length: 'x' }),
];

describe('the dashboard’s reject list', () => {
  let dir: string;
  let warehouse: Warehouse;
  let server: DashboardServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sparkify-reject-list-'));
    await mkdir(join(dir, 'src/log_data'), { recursive: true });
    await mkdir(join(dir, 'src/song_data'), { recursive: true });
    await writeFile(join(dir, 'src/log_data/events.json'), `${lines.join('\n')}\n`);
    const settings = { source: join(dir, 'src'), database: join(dir, 'w.duckdb'), cwd: dir, env: {} };
    await runPipeline(settings);
    warehouse = await openWarehouse(configFromSettings(settings));
    server = await startDashboard(warehouse, { port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await warehouse?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists five reasons, each with where it first happened, and says how many more there are', async () => {
    const { lastRun } = (await (await fetch(`${server.url}api/last-run`)).json()) as {
      lastRun: { runId: string; rejectReasons: { count: number; reason: string; first: { file: string; line: number } }[]; rejectsLeftOut: unknown };
    };
    expect(lastRun.rejectReasons).toHaveLength(5);
    expect(lastRun.rejectReasons[0]).toMatchObject({ count: 2, first: { file: join(dir, 'src/log_data/events.json'), line: 4 } });
    expect(lastRun.rejectsLeftOut).toEqual({ reasons: 2, records: 2 });
  });

  it('the link of a reason answers with its records', async () => {
    const { lastRun } = (await (await fetch(`${server.url}api/last-run`)).json()) as { lastRun: { runId: string; rejectReasons: { kind: string; reason: string }[] } };
    const first = lastRun.rejectReasons[0]!;
    const url = `${server.url}api/rejects?run=${encodeURIComponent(lastRun.runId)}&kind=${first.kind}&reason=${encodeURIComponent(first.reason)}`;
    const body = (await (await fetch(url)).json()) as { total: number; records: { line: number; text: string }[] };
    expect(body.total).toBe(2);
    expect(body.records.map((r) => [r.line, JSON.parse(r.text).sessionId])).toEqual([
      [4, 'x'],
      [5, 'x'],
    ]);
    expect((await fetch(`${server.url}api/rejects`)).status).toBe(400);
  });

  it.skipIf(!chromiumAvailable())('shows it in the browser: count, reason, a link to file:line, and the rest counted', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForSelector('ul.reasons li.more');
      const items = await page.locator('ul.reasons li').allInnerTexts();
      expect(items).toHaveLength(6);
      expect(items[0]).toMatch(new RegExp(`^2 × events: .+ — first at ${join(dir, 'src/log_data/events.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4$`));
      expect(items[5]).toMatch(/^… and 2 more reasons \(2 records\) — sparkify rejects --run \S+ lists them all$/);
      const href = await page.locator('ul.reasons li a').first().getAttribute('href');
      expect(href).toMatch(/^\/api\/rejects\?run=[^&]+&kind=events&reason=/);
      const followed = (await (await fetch(new URL(href!, server.url))).json()) as { total: number };
      expect(followed.total).toBe(2);
      // The static report has no server to link to: the place is shown as text.
      const report = await browser.newPage();
      await report.setContent(await buildReport(warehouse));
      await report.waitForSelector('ul.reasons li.more');
      expect(await report.locator('ul.reasons li a').count()).toBe(0);
      expect(await report.locator('ul.reasons li code').first().textContent()).toMatch(/events\.json:4$/);
    } finally {
      await browser?.close();
    }
  });
});

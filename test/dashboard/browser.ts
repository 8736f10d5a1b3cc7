import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the Debian Chromium is installed; in CI its absence fails, elsewhere the browser tests skip and say why. */
export function chromiumAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  const message = `${chromiumPath} is missing — install it with \`apt-get update && apt-get install -y chromium\``;
  if (process.env.CI) throw new Error(`the dashboard browser tests are required in CI, but ${message}`);
  console.warn(`skipping the dashboard browser tests: ${message}`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/** test-artifacts/NAME (git-ignored), for screenshots and files worth looking at after a run. */
export function artifactPath(name: string): string {
  const dir = resolve(fileURLToPath(import.meta.url), '../../../test-artifacts');
  mkdirSync(dir, { recursive: true });
  return resolve(dir, name);
}

/** Collects everything that would show as a problem in the browser console, and every URL the page asks for. */
export function watchPage(page: Page): { problems: string[]; requests: string[] } {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('request', (request) => requests.push(request.url()));
  return { problems, requests };
}

export interface ChartStats {
  name: string;
  type: string;
  labels: string[];
  values: number[];
  /** Drawn elements (bars, points, arcs) with a non-zero size. */
  drawn: number;
  /** Canvas pixels that are not transparent. */
  painted: number;
}

/** What each Chart instance on the page holds and draws. */
export function chartStats(page: Page): Promise<ChartStats[]> {
  return page.evaluate(() => {
    type ChartLike = {
      config: { type: string };
      data: { labels: unknown[]; datasets: { data: unknown[] }[] };
      canvas: HTMLCanvasElement;
      getDatasetMeta(i: number): { data: { x: number; y: number; width?: number; height?: number; outerRadius?: number; circumference?: number }[] };
    };
    const charts = (window as unknown as { sparkifyCharts: Record<string, ChartLike> }).sparkifyCharts;
    return Object.entries(charts).map(([name, chart]) => {
      const values = chart.data.datasets.flatMap((d) => d.data.map(Number));
      const elements = chart.data.datasets.flatMap((_, i) => chart.getDatasetMeta(i).data);
      const visible = (e: (typeof elements)[number]) => {
        if (e.circumference !== undefined) return e.circumference > 0; // doughnut arc
        if (e.width !== undefined && e.height !== undefined) return Math.abs(e.width) > 0.5 && Math.abs(e.height) > 0.5; // bar
        return Number.isFinite(e.x) && Number.isFinite(e.y); // line point
      };
      const drawn = elements.filter(visible).length;
      const { width, height } = chart.canvas;
      // Read a copy, so the page's own canvas is never read back (Chromium warns about repeated reads).
      const copy = document.createElement('canvas');
      copy.width = width;
      copy.height = height;
      const context = copy.getContext('2d', { willReadFrequently: true })!;
      context.drawImage(chart.canvas, 0, 0);
      const pixels = context.getImageData(0, 0, width, height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted += 1;
      return { name, type: chart.config.type, labels: chart.data.labels.map(String), values, drawn, painted };
    });
  });
}

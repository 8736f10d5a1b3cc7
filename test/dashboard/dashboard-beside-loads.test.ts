import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, buildPackage } from '../helpers/build.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';
import { stoppedProcess } from '../helpers/stopped-process.js';
import { chromiumAvailable, launchChromium } from './browser.js';

const runHere = chromiumAvailable() && sampleAvailable();
const dir = mkdtempSync(join(tmpdir(), 'sparkify-beside-'));
const src = join(dir, 'src');
const db = join(dir, 'warehouse.duckdb');
const days = runHere ? readdirSync(join(udacitySample, 'log_data/2018/11')).sort() : [];
const addDay = (i: number) => copyFileSync(join(udacitySample, 'log_data/2018/11', days[i]!), join(src, 'log_data', days[i]!));

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Starts `sparkify ARGS` as a real process on the shared warehouse. */
function start(args: string[], env: Record<string, string> = {}): { child: ChildProcess; ended: Promise<Ended>; output: () => string } {
  const started = Date.now();
  const child = spawn(process.execPath, [binPath, ...args, '--database', db], { cwd: dir, env: { PATH: process.env.PATH, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const ended = new Promise<Ended>((done) => child.on('exit', (code) => done({ code, stdout, stderr, ms: Date.now() - started })));
  return { child, ended, output: () => stdout + stderr };
}

const sparkify = (...args: string[]) => start(args).ended;

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A dashboard process on the warehouse, and its URL once it serves. */
async function dashboard() {
  const process = start(['dashboard', '--port', '0']);
  const url = await waitFor(() => /Sparkify dashboard: (\S+)/.exec(process.output())?.[1], 'the dashboard URL');
  return { ...process, url };
}

const lastRunId = async (url: string) => ((await (await fetch(new URL('/api/last-run', url))).json()) as { lastRun: { runId: string } }).lastRun.runId;

describe.skipIf(!runHere)('a dashboard serving a DuckDB file locks nobody out', () => {
  let browser: Browser;
  let served: Awaited<ReturnType<typeof dashboard>>;
  beforeAll(async () => {
    buildPackage();
    mkdirSync(join(src, 'log_data'), { recursive: true });
    cpSync(join(udacitySample, 'song_data'), join(src, 'song_data'), { recursive: true });
    addDay(0);
    expect((await sparkify('run', '--source', src)).code).toBe(0);
    served = await dashboard();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    served?.child.kill('SIGINT');
    await served?.ended;
    rmSync(dir, { recursive: true, force: true });
  });

  it('etl, run, analyze, runs, report and a second dashboard all work while it serves, and the open page shows each new run', async () => {
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => document.body.dataset.state === 'ready', undefined, { timeout: 30_000 });
    const firstRun = await page.evaluate(() => document.body.dataset.lastRun);
    expect(firstRun).toMatch(/^\d{8}T\d{6}Z-/);

    addDay(1);
    const etl = await sparkify('etl', '--source', src);
    expect(etl.stderr).toBe('');
    expect(etl.code).toBe(0);
    const analyze = await sparkify('analyze', 'top-users');
    expect(analyze.code).toBe(0);
    expect(analyze.stdout).toContain('Most active users');
    const runs = await sparkify('runs', '--json');
    expect(runs.code).toBe(0);
    const [latest] = JSON.parse(runs.stdout) as { run_id: string; status: string }[];
    expect(latest?.status).toBe('succeeded');
    expect((await sparkify('report', '--out', join(dir, 'report.html'))).code).toBe(0);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);

    // The page picks up the etl's run by itself (it polls last-run), and redraws.
    await page.waitForFunction((id) => document.body.dataset.lastRun === id, latest!.run_id, { timeout: 20_000 });
    await expect(page.locator('#last-run-about').textContent()).resolves.toContain(latest!.run_id);

    const second = await dashboard();
    expect(await lastRunId(second.url)).toBe(latest!.run_id);
    second.child.kill('SIGINT');
    expect((await second.ended).code).toBe(0);

    addDay(2);
    const run = await sparkify('run', '--source', src);
    expect(run.code).toBe(0);
    const newest = (JSON.parse((await sparkify('runs', '--json')).stdout) as { run_id: string }[])[0]!.run_id;
    await page.waitForFunction((id) => document.body.dataset.lastRun === id, newest, { timeout: 20_000 });
    await page.close();
  }, 120_000);

  it('a request that meets a running etl waits for it, then answers with its run', async () => {
    addDay(3);
    // A real etl holding the file for writing, stopped (SIGSTOP) mid-run until the test resumes it.
    const holder = start(['etl', '--source', src], { SPARKIFY_PAUSE_AT: 'after-list' });
    await waitFor(() => (holder.output().includes('paused at after-list') ? true : undefined), 'the etl to pause');
    await stoppedProcess(holder.child.pid!);
    let answered = false;
    const asked = lastRunId(served.url).finally(() => (answered = true));
    await new Promise((r) => setTimeout(r, 1500));
    expect(answered).toBe(false);
    holder.child.kill('SIGCONT');
    expect((await holder.ended).code).toBe(0);
    const newest = (JSON.parse((await sparkify('runs', '--json')).stdout) as { run_id: string }[])[0]!.run_id;
    expect(await asked).toBe(newest);
  }, 60_000);
});

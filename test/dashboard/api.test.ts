import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticQueries } from '../../src/analytics/queries.js';
import { lastRun } from '../../src/dashboard/last-run.js';
import { startDashboard, type DashboardServer } from '../../src/dashboard/server.js';
import { configFromSettings, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { buildSampleWarehouse, type SampleWarehouse } from '../analytics/sample-warehouse.js';
import { sampleAvailable } from '../helpers/sample.js';

/** A GET (or other method) with full control of the headers, as a browser on another site could send. */
function call(url: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; type: string; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.host ? { host: options.host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!sampleAvailable())('the dashboard API on the real sample', () => {
  let sample: SampleWarehouse;
  let server: DashboardServer;
  const get = async (path: string) => {
    const res = await call(new URL(path, server.url).href);
    return { status: res.status, json: JSON.parse(res.body) as Record<string, unknown> };
  };
  beforeAll(async () => {
    sample = await buildSampleWarehouse('duckdb');
    server = await startDashboard(sample.warehouse!, { port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await sample?.dispose();
  });

  it('binds to 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('lists the analyses with their parameters, columns and charts, but no SQL', async () => {
    const { status, json } = await get('/api/queries');
    expect(status).toBe(200);
    const queries = json.queries as { name: string; params: string[] }[];
    expect(queries.map((q) => q.name)).toEqual(analyticQueries.map((q) => q.name));
    expect(queries.find((q) => q.name === 'top-users')).toMatchObject({ params: ['from', 'to', 'level', 'limit'], chart: { type: 'hbar' } });
    expect(JSON.stringify(json)).not.toMatch(/SELECT|songplays sp/);
  });

  it('runs one analysis with its parameters', async () => {
    const { status, json } = await get('/api/query/top-users?from=2018-11-01&to=2018-11-30&level=paid&limit=2');
    expect(status).toBe(200);
    expect(json.params).toEqual({ from: '2018-11-01', to: '2018-11-30', level: 'paid', limit: 2 });
    expect(json.rows).toEqual([
      { user_id: '49', name: 'Chloe Cuevas', level: 'paid', plays: 650, sessions: 27 },
      { user_id: '80', name: 'Tegan Levine', level: 'paid', plays: 648, sessions: 26 },
    ]);
    expect((await get('/api/query/catalog-coverage?from=&level=')).json.rows).toEqual([
      { match: 'matched', plays: 1, share_pct: 0.01 },
      { match: 'unmatched', plays: 6819, share_pct: 99.99 },
    ]);
  });

  it('answers unknown analyses and bad parameters with 400 and a clear message', async () => {
    const cases: [string, string | RegExp][] = [
      ['/api/query/nope', /^unknown analysis "nope"; known: plays-by-day, /],
      ['/api/query/top-users?from=2018-11-31', 'from must be a date as YYYY-MM-DD, got "2018-11-31"'],
      ["/api/query/top-users?from=2018-11-01'%20OR%201=1", `from must be a date as YYYY-MM-DD, got "2018-11-01' OR 1=1"`],
      ['/api/query/top-users?from=2018-11-20&to=2018-11-10', 'from 2018-11-20 is after to 2018-11-10'],
      ['/api/query/top-users?level=premium', 'level must be free or paid, got "premium"'],
      ['/api/query/top-users?limit=100000', 'limit must be a whole number from 1 to 1000, got "100000"'],
      ['/api/query/sessions?limit=5', '"sessions" does not take limit; "sessions" takes: from, to, level'],
      ['/api/query/top-users?sql=SELECT%201', 'unknown parameter "sql"; "top-users" takes: from, to, level, limit'],
      ['/api/query/top-users?limit=1&limit=2', 'parameter "limit" is given more than once'],
      ['/api/query/%E0%A4%A', /^unknown analysis/],
    ];
    for (const [path, message] of cases) {
      const { status, json } = await get(path);
      expect(status, path).toBe(400);
      expect(json.error, path).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
    }
  });

  it('serves nothing but its page, chart.js and the API', async () => {
    for (const path of ['/nope', '/api', '/api/query', '/api/query/', '/api/queries/x', '/index.html', '/node_modules/chart.js/package.json', '/../../etc/passwd']) {
      expect((await get(path)).status, path).toBe(404);
    }
    const page = await call(server.url);
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
    const chart = await call(new URL('/chart.umd.js', server.url).href);
    expect(chart.status).toBe(200);
    expect(chart.body).toContain('Chart');
  });

  it('is read-only and refuses other sites (DNS rebinding)', async () => {
    const post = await call(new URL('/api/queries', server.url).href, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(JSON.parse(post.body).error).toBe('POST is not allowed; the dashboard is read-only');
    const rebound = await call(new URL('/api/queries', server.url).href, { host: 'attacker.example:80' });
    expect(rebound.status).toBe(403);
    const local = await call(new URL('/api/queries', server.url).href, { host: `localhost:${new URL(server.url).port}` });
    expect(local.status).toBe(200);
  });

  it('reports the last run: the counts of its summary and no rejects', async () => {
    const { status, json } = await get('/api/last-run');
    expect(status).toBe(200);
    const run = json.lastRun as { summary: { tables: Record<string, number>; rejects: unknown }; rejectReasons: unknown[]; laterFailure: unknown };
    expect(run.summary.tables).toMatchObject({ songplays: 6820, users: 97, songs: 71, artists: 69, time: 6813 });
    expect(run.summary.rejects).toEqual({ events: 0, songs: 0 });
    expect(run.rejectReasons).toEqual([]);
    expect(run.laterFailure).toBeNull();
  });
});

describe('the last run with rejects', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sparkify-last-run-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('counts the rejects and lists their commonest reasons', async () => {
    const event = {
      artist: 'Elena',
      auth: 'Logged In',
      firstName: 'Lily',
      gender: 'F',
      itemInSession: 0,
      lastName: 'Koch',
      length: 269.58,
      level: 'paid',
      location: 'Chicago-Naperville-Elgin, IL-IN-WI',
      method: 'PUT',
      page: 'NextSong',
      registration: 1541048010796,
      sessionId: 818,
      song: 'Setanta matins',
      status: 200,
      ts: 1542837407796,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:31.0) Gecko/20100101 Firefox/31.0',
      userId: '15',
    };
    const song = {
      num_songs: 1,
      artist_id: 'AR5KOSW1187FB35FF4',
      artist_latitude: 49.80388,
      artist_longitude: 15.47491,
      artist_location: 'Dubai UAE',
      artist_name: 'Elena',
      song_id: 'SOZCTXZ12AB0182364',
      title: 'Setanta matins',
      duration: 269.58,
      year: 0,
    };
    await mkdir(join(dir, 'src/log_data'), { recursive: true });
    await mkdir(join(dir, 'src/song_data'), { recursive: true });
    await writeFile(join(dir, 'src/log_data/events.json'), [JSON.stringify(event), '{"artist": broken', JSON.stringify({ ...event, sessionId: 'x' })].join('\n'));
    await writeFile(join(dir, 'src/song_data/song.json'), JSON.stringify(song));
    const settings = { source: join(dir, 'src'), database: join(dir, 'w.duckdb'), cwd: dir, env: {} };
    await runPipeline(settings);
    const run = await withWarehouse(configFromSettings(settings), lastRun);
    expect(run?.summary?.rejects).toEqual({ events: 2, songs: 0 });
    expect(run?.summary?.tables.songplays).toBe(1);
    expect(run?.rejectReasons).toHaveLength(2);
    expect(run?.rejectReasons.every((r) => r.kind === 'events' && r.count === 1)).toBe(true);
    expect(run?.rejectReasons.map((r) => r.reason).join('\n')).toMatch(/malformed JSON|sessionId/);
  });
});

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Warehouse } from '../engines/warehouse.js';
import { createApi } from './api.js';
import { chartJsSource } from './chart-js-asset.js';
import { renderPage } from './page.js';
import { isWarehouseReader, sharedWarehouse, type WarehouseReader } from './warehouse-reader.js';

export interface DashboardOptions {
  /** Default 127.0.0.1: only this machine can see the warehouse. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Called with errors that are not the user's (a failed query); the client gets a 500. */
  onError?: (error: unknown) => void;
  /** How often the open page checks for a new run (default 5000 ms). */
  pollMs?: number;
  /** Where the warehouse is, for the page; taken from the warehouse when one is given. */
  description?: string;
}

export interface DashboardServer {
  url: string;
  close(): Promise<void>;
}

const chartPath = '/chart.umd.js';
const loopback = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Serves the dashboard page, chart.js and the read-only JSON API over an open warehouse, or
 * over a reader that opens one for each request (what `sparkify dashboard` does on DuckDB); nothing else.
 */
export async function startDashboard(source: Warehouse | WarehouseReader, options: DashboardOptions = {}): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  const reader = isWarehouseReader(source) ? source : sharedWarehouse(source);
  const description = options.description ?? (isWarehouseReader(source) ? '' : source.description);
  const api = createApi(description, reader, options.onError);
  const page = renderPage({ chartJs: { src: chartPath }, pollMs: options.pollMs });
  const chartJs = chartJsSource();
  let allowedHosts: Set<string> | undefined;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) send(response, 500, 'application/json', JSON.stringify({ error: 'internal error' }));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A page on another site must not reach a loopback dashboard through DNS rebinding.
    if (allowedHosts && !allowedHosts.has((request.headers.host ?? '').toLowerCase())) {
      return json(response, 403, { error: `unexpected Host header; open the dashboard at its printed URL` });
    }
    const url = new URL(request.url ?? '/', 'http://dashboard.invalid');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return json(response, 405, { error: `${request.method} is not allowed; the dashboard is read-only` });
    }
    if (url.pathname === '/') return send(response, 200, 'text/html; charset=utf-8', page.html, { 'Content-Security-Policy': page.csp });
    if (url.pathname === chartPath) return send(response, 200, 'text/javascript; charset=utf-8', chartJs, { 'Cache-Control': 'max-age=3600' });
    const answer = await api(url.pathname, url.searchParams);
    if (answer) return json(response, answer.status, answer.body);
    return json(response, 404, { error: `not found: ${url.pathname}` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  if (loopback.has(host)) allowedHosts = new Set([`${shownHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);

  return {
    url: `http://${shownHost}:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`, { 'Cache-Control': 'no-store' });
}

function send(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

import type { EventEmitter } from 'node:events';
import { requireTables } from '../analytics/require-tables.js';
import { SparkifyError } from '../errors.js';
import { openPerCall, sharedWarehouse } from '../dashboard/warehouse-reader.js';
import { cliConfig } from './cli-config.js';
import { defineCommand, type CliIO, type ParsedArgs } from './command.js';
import { warehouseOptions } from './common-options.js';

export default defineCommand({
  name: 'dashboard',
  description: 'Serve a local web page with the analyses as interactive charts, a date filter and the last run. Ctrl-C stops it.',
  options: {
    ...warehouseOptions,
    port: { type: 'string', description: 'port to listen on (default 8080; 0 picks a free one)', placeholder: 'N' },
    host: { type: 'string', description: 'address to bind (default 127.0.0.1: this machine only)', placeholder: 'ADDR' },
  },
  async run(args, io) {
    const stop = untilSignal(process);
    try {
      return await serveDashboard(args, io, stop.signalled);
    } finally {
      stop.dispose();
    }
  },
});

/** A request that meets a running etl waits for it (DuckDB: the writer holds the file) up to this long. */
const requestWaitSeconds = 900;

/** Serves until `stop` settles, then closes the server and the warehouse. */
export async function serveDashboard(args: ParsedArgs, io: CliIO, stop: Promise<unknown>): Promise<number> {
  const { host, port } = listenOptions(args);
  const config = cliConfig(args, io);
  const { openWarehouse } = await import('../engines/registry.js');
  const open = (waitSeconds: number) => openWarehouse(config, { readOnly: true, waitSeconds });
  const first = await open(config.lockWaitSeconds);
  const description = first.description;
  // On DuckDB an open reader keeps an etl out: hold nothing between requests, open per call (and a
  // call that meets a running etl waits for it). Server engines keep their one connection.
  const shared = first.readersBlockWriters ? undefined : first;
  try {
    await requireTables(first);
  } catch (error) {
    await first.close();
    throw error;
  }
  if (!shared) await first.close();
  try {
    const reader = shared ? sharedWarehouse(shared) : openPerCall(() => open(Math.max(config.lockWaitSeconds, requestWaitSeconds)));
    // The server and its page load only for this command.
    const { startDashboard } = await import('../dashboard/server.js');
    const onError = (error: unknown) => io.stderr.write(`dashboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    const server = await startDashboard(reader, { host, port, onError, description }).catch((error: unknown) => {
      throw listenError(error, host, port);
    });
    io.stdout.write(`Sparkify dashboard: ${server.url}\n  over ${description} — Ctrl-C stops it\n`);
    await stop;
    await server.close();
    io.stdout.write('dashboard stopped\n');
    return 0;
  } finally {
    await shared?.close();
  }
}

/** Resolves on the first of `signals`; while listening, those signals no longer kill the process. */
export function untilSignal(emitter: EventEmitter, signals: string[] = ['SIGINT', 'SIGTERM']): { signalled: Promise<string>; dispose(): void } {
  let listener: (signal: string) => void = () => undefined;
  const signalled = new Promise<string>((resolve) => {
    listener = resolve;
  });
  for (const signal of signals) emitter.on(signal, listener);
  return {
    signalled,
    dispose: () => {
      for (const signal of signals) emitter.off(signal, listener);
    },
  };
}

function listenOptions(args: ParsedArgs): { host: string; port: number } {
  const rawPort = typeof args.options.port === 'string' ? args.options.port : '8080';
  const port = /^\d+$/.test(rawPort) ? Number(rawPort) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) throw new SparkifyError('USAGE', `--port must be a number from 0 to 65535, got "${rawPort}"`);
  const host = typeof args.options.host === 'string' && args.options.host !== '' ? args.options.host : '127.0.0.1';
  return { host, port };
}

function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new SparkifyError('USAGE', `port ${port} on ${host} is in use — choose another with --port (0 picks a free one)`, { cause: error });
  if (code === 'EACCES') return new SparkifyError('USAGE', `not allowed to listen on ${host}:${port} — choose a port above 1023 with --port`, { cause: error });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new SparkifyError('USAGE', `cannot bind to ${host} — give an address of this machine with --host`, { cause: error });
  return error;
}

import type pg from 'pg';
import { SparkifyError } from '../../errors.js';
import { redactSecrets } from '../../redact.js';
import { connectionError, type Endpoint } from './pg-errors.js';
import { loadPg } from './pg-modules.js';
import { installTypeParsers } from './pg-types.js';

const defaultTimeoutMs = 10_000;

/** A connected client and where it goes. */
export interface PgSession {
  client: pg.Client;
  endpoint: Endpoint;
}

/** Checks the URL's shape before the driver sees it, so a typo gets a plain answer. */
export function checkUrl(url: string): URL {
  if (!url) {
    throw new SparkifyError(
      'CONFIG',
      'no PostgreSQL database given — pass --database postgres://USER:PASSWORD@HOST:5432/DBNAME, set SPARKIFY_DATABASE_URL, or fill [POSTGRES] in dwh.cfg',
    );
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new SparkifyError('CONFIG', `"${redactSecrets(url)}" is not a PostgreSQL URL — expected postgres://USER:PASSWORD@HOST:5432/DBNAME`);
  }
  return parsed;
}

/** `?connect_timeout=SECONDS` as libpq reads it, else PGCONNECT_TIMEOUT, else 10 s. */
function timeoutOf(url: URL): number {
  const seconds = Number(url.searchParams.get('connect_timeout') ?? process.env.PGCONNECT_TIMEOUT ?? NaN);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : defaultTimeoutMs;
}

/**
 * Opens one client: UTC session time zone (TIMESTAMP values are UTC everywhere), exact
 * float text, and errors turned into one line that names what to check.
 */
export async function connectPostgres(url: string): Promise<PgSession> {
  const parsed = checkUrl(url);
  const timeoutMs = timeoutOf(parsed);
  const driver = loadPg();
  const client = new driver.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: 'sparkify' });
  const endpoint: Endpoint = { host: client.host, port: client.port, user: client.user ?? '', database: client.database ?? '' };
  // An idle client whose server goes away emits 'error'; the next call reports it instead of the process crashing.
  client.on('error', () => undefined);
  installTypeParsers(client);
  try {
    await client.connect();
  } catch (error) {
    throw connectionError(error, endpoint, timeoutMs);
  }
  try {
    await client.query(`SET TIME ZONE 'UTC'; SET extra_float_digits = 3`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw connectionError(error, endpoint, timeoutMs);
  }
  return { client, endpoint };
}

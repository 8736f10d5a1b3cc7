import { SparkifyError } from '../../errors.js';
import { redactSecrets } from '../../redact.js';

/** Where a connection goes, without the password: all an error message may show. */
export interface Endpoint {
  host: string;
  port: number;
  user: string;
  database: string;
}

interface DriverError {
  code?: string;
  message?: string;
}

const where = (at: Endpoint) => `PostgreSQL at ${at.host.includes(':') ? `[${at.host}]` : at.host}:${at.port}`;

const firstLine = (error: unknown) => redactSecrets(String((error as DriverError)?.message ?? error).split('\n')[0] ?? '');

/** What failed while connecting, and what to check, in one line with no password and no stack. */
export function connectionError(error: unknown, at: Endpoint, timeoutMs: number): SparkifyError {
  const code = (error as DriverError)?.code;
  const message = firstLine(error);
  const say = (text: string, transient = false) => new SparkifyError('CONNECTION', redactSecrets(text), { cause: error, transient });
  switch (code) {
    case 'ECONNREFUSED':
      return say(`cannot connect to ${where(at)}: connection refused — is the server running, and listening on port ${at.port}? Check the host and port`, true);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return say(`cannot connect to ${where(at)}: host "${at.host}" not found — check the host name`, code === 'EAI_AGAIN');
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return say(`cannot connect to ${where(at)}: ${code} — check the host, the port and any firewall or security group in between`, true);
    case 'ECONNRESET':
      return say(`cannot connect to ${where(at)}: the connection was reset — is it a PostgreSQL server, and does it want SSL (add ?sslmode=require)?`, true);
    case '28P01':
      return say(`cannot connect to ${where(at)}: password authentication failed for user "${at.user}" — check the user name and password`);
    case '28000':
      return say(`cannot connect to ${where(at)} as user "${at.user}": ${message} — check the user name and the server's pg_hba.conf`);
    case '3D000':
      return say(`cannot connect to ${where(at)}: database "${at.database}" does not exist — create it (CREATE DATABASE ${at.database}) or fix the database name`);
    case '53300':
    case '57P03':
      return say(`cannot connect to ${where(at)}: ${message} — try again shortly`, true);
  }
  if (/timeout expired|connection timeout/i.test(message)) {
    return say(
      `cannot connect to ${where(at)}: no answer within ${Math.round(timeoutMs / 1000)} s — check the host, the port and any firewall; a slow server can be given longer with ?connect_timeout=SECONDS`,
      true,
    );
  }
  if (/ssl/i.test(message)) return say(`cannot connect to ${where(at)}: ${message} — check the sslmode in the URL`);
  if (/terminated unexpectedly/i.test(message)) {
    return say(`cannot connect to ${where(at)}: the server closed the connection at once — is it a PostgreSQL server, and is it accepting connections?`, true);
  }
  return say(`cannot connect to ${where(at)} as user "${at.user}": ${message}`);
}

/** True for errors that mean the connection itself is gone (not an SQL error). */
export function isConnectionLost(error: unknown): boolean {
  const code = (error as DriverError)?.code ?? '';
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === 'ECONNRESET' || code === 'EPIPE') return true;
  return /Connection terminated|Client has encountered a connection error|not queryable/i.test(firstLine(error));
}

/** The one-line error for a connection lost mid-run. */
export function connectionLostError(error: unknown, at: Endpoint): SparkifyError {
  return new SparkifyError('CONNECTION', `lost the connection to ${where(at)}: ${firstLine(error)} — the step in progress was rolled back; run again`, {
    cause: error,
    transient: true,
  });
}

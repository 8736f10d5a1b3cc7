import { SparkifyError } from '../errors.js';
import type { S3Access } from './client.js';

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The S3 error code (`NoSuchBucket`, `AccessDenied`) or the socket error code (`ECONNREFUSED`). */
export function s3ErrorName(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  if (typeof e.Code === 'string') return e.Code;
  if (typeof e.name === 'string' && e.name !== 'Error') return e.name;
  return typeof e.code === 'string' ? e.code : 'Error';
}

const statusOf = (error: unknown) => (error as SdkErrorShape | null)?.$metadata?.httpStatusCode;
const firstLine = (error: unknown) => ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').trim();

const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'TimeoutError'];
const dropped = ['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'RequestTimeout', 'SlowDown', 'InternalError', 'ServiceUnavailable'];
const badCredentials = ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'TokenRefreshRequired', 'InvalidToken'];

/** Worth another try: a dropped connection, throttling, a 5xx, or a body cut short. */
export function isTransientS3Error(error: unknown): boolean {
  if (error instanceof SparkifyError) return error.transient;
  const name = s3ErrorName(error);
  const status = statusOf(error);
  return dropped.includes(name) || name === 'ETIMEDOUT' || name === 'TimeoutError' || (status !== undefined && (status >= 500 || status === 429));
}

export function isNoSuchKey(error: unknown): boolean {
  return s3ErrorName(error) === 'NoSuchKey' || (statusOf(error) === 404 && s3ErrorName(error) === 'NotFound');
}

/** Turns an SDK or socket error into one line saying what went wrong with `url` and what to do. */
export function toS3Error(error: unknown, url: string, access: Pick<S3Access, 'signed' | 'auth' | 'where' | 'endpoint'>): SparkifyError {
  if (error instanceof SparkifyError) return error;
  const name = s3ErrorName(error);
  const status = statusOf(error);
  const make = (message: string) => new SparkifyError('SOURCE', message, { cause: error, transient: isTransientS3Error(error) });

  if (name === 'NoSuchBucket') {
    return make(`bucket of ${url} does not exist at ${access.where} — check the bucket name in --source / --log-data / --song-data${access.endpoint ? ' and --s3-endpoint' : ''}`);
  }
  if (name === 'AccessDenied' || name === 'AllAccessDisabled' || (status === 403 && !badCredentials.includes(name))) {
    if (access.signed) {
      return make(
        `access denied to ${url} (${name}) for a signed request with ${access.auth} — give those credentials s3:ListBucket and s3:GetObject on it, ` +
          'or, if the bucket is public, set SPARKIFY_S3_UNSIGNED=1 to read it anonymously',
      );
    }
    return make(
      `access denied to ${url} (${name}) for an anonymous, unsigned request (${access.auth}) — the bucket is not public: ` +
        'configure AWS credentials that may read it (`aws configure`, AWS_PROFILE, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)' +
        (access.auth.startsWith('SPARKIFY_S3_UNSIGNED') ? ' and unset SPARKIFY_S3_UNSIGNED' : ''),
    );
  }
  if (badCredentials.includes(name)) {
    return make(
      `S3 rejected the credentials from ${access.auth} for ${url} (${name}) — check or refresh the access key (\`aws sso login\`), or set SPARKIFY_S3_UNSIGNED=1 for a public bucket`,
    );
  }
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || status === 301) {
    return make(`the bucket of ${url} is in another region than ${access.where} — pass --region with the bucket's region (udacity-dend is in us-west-2)`);
  }
  if (unreachable.includes(name)) {
    const fix = access.endpoint ? 'check --s3-endpoint / SPARKIFY_S3_ENDPOINT and that the server is running' : 'check your network and --region';
    return make(`cannot reach ${access.where} for ${url} (${name}: ${firstLine(error)}) — ${fix}`);
  }
  return make(`S3 request for ${url} failed at ${access.where} (${name}${status ? `, HTTP ${status}` : ''}: ${firstLine(error)})`);
}

import { SparkifyError } from '../../errors.js';
import { awsErrorName, isTransientAwsError } from '../../infra/aws-errors.js';
import { redactSecrets } from '../../redact.js';

/** What a Data API error message may say about where it went (never a secret). */
export interface DataApiWhere {
  /** "Redshift cluster sparkify-cluster, database dev" */
  target: string;
  region: string;
  /** How it authenticates, for the access-denied hint. */
  auth: 'iam-user' | 'workgroup' | 'secret';
}

const firstLine = (error: unknown) => redactSecrets(((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').trim());

const busy = ['ActiveStatementsExceededException', 'ActiveSessionsExceededException', 'ActiveWaitingRequestsExceededException'];

/** Worth another attempt a moment later: throttling, a dropped connection, or too many sessions or statements at once. */
export function isRetryableDataApiError(error: unknown): boolean {
  return isTransientAwsError(error) || busy.includes(awsErrorName(error) ?? '');
}
const denied = ['AccessDeniedException', 'AccessDenied', 'UnauthorizedException', 'UnrecognizedClientException', 'InvalidSignatureException'];
const network = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'TimeoutError', 'NetworkingError'];

const permissionsFor: Record<DataApiWhere['auth'], string> = {
  'iam-user': 'redshift-data:ExecuteStatement, DescribeStatement, GetStatementResult, CancelStatement and redshift:GetClusterCredentials',
  workgroup: 'redshift-data:ExecuteStatement, DescribeStatement, GetStatementResult, CancelStatement and redshift-serverless:GetCredentials',
  secret: 'redshift-data:ExecuteStatement, DescribeStatement, GetStatementResult, CancelStatement and secretsmanager:GetSecretValue on the secret',
};

/** An SDK error from a Data API call → one line saying what failed and what to do; throttling and busy limits are transient. */
export function dataApiError(error: unknown, at: DataApiWhere): SparkifyError {
  if (error instanceof SparkifyError) return error;
  const name = awsErrorName(error) ?? 'Error';
  const detail = firstLine(error);
  const say = (message: string, transient = isTransientAwsError(error)) =>
    new SparkifyError('CONNECTION', `${at.target} via the Data API: ${message}`, { cause: error, transient });
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(detail)) {
    return say('no AWS credentials found — run `aws configure` or `aws sso login`, or set AWS_PROFILE (the Data API signs every call with IAM)', false);
  }
  if (denied.includes(name)) return say(`access denied (${detail}) — give your AWS identity ${permissionsFor[at.auth]}`, false);
  if (name === 'ResourceNotFoundException') {
    return say(`${detail} — check [DWH] DWH_CLUSTER_IDENTIFIER / [CLUSTER] WORKGROUP and the region (${at.region}); \`sparkify infra status\` shows what exists`, false);
  }
  if (name === 'DatabaseConnectionException') return say(`cannot reach the database (${detail}) — is the cluster available and the database name right?`, true);
  if (busy.includes(name)) return say(`too many statements or sessions at once (${name}) — try again shortly`, true);
  if (name === 'ValidationException' && /session/i.test(detail)) {
    return say(`the Data API session is gone (${detail}) — the step in progress was rolled back; run again`, true);
  }
  if (name === 'ValidationException') return new SparkifyError('ENGINE', `${at.target} rejected the request: ${detail}`, { cause: error });
  if (network.includes(name) || /getaddrinfo/i.test(detail)) return say(`cannot reach the Data API in region "${at.region}" (${detail}) — check --region and your network`, true);
  if (name === 'InternalServerException') return say(`internal error in the Data API (${detail}) — try again`, true);
  return say(`${name}: ${detail}`);
}

/** A statement the database ran and refused (FAILED) or that was stopped (ABORTED). */
export function statementError(status: string, message: string | undefined, sql: string, at: DataApiWhere): SparkifyError {
  const what = sql.replace(/\s+/g, ' ').trim().slice(0, 80);
  const reason = redactSecrets((message ?? 'no reason given').split('\n')[0] ?? '');
  if (status === 'ABORTED') return new SparkifyError('ENGINE', `${at.target}: the statement was aborted (${reason}) — in: ${what}`);
  return new SparkifyError('ENGINE', `${at.target}: ${reason} — in: ${what}`);
}

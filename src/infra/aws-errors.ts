import { SparkifyError } from '../errors.js';

const operations = new WeakMap<object, string>();

/** Remembers which AWS call raised an error ("IAM CreateRole"), so the message can name it. */
export function rememberOperation(error: unknown, operation: string): void {
  if (typeof error === 'object' && error !== null && !operations.has(error)) operations.set(error, operation);
}

/** The AWS error code (`NoSuchEntityException`, `InvalidPermission.Duplicate`, …), if any. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, Code, code } = error as { name?: unknown; Code?: unknown; code?: unknown };
  if (typeof name === 'string' && name !== 'Error') return name;
  if (typeof Code === 'string') return Code;
  return typeof code === 'string' ? code : undefined;
}

export function isAwsError(error: unknown, ...names: string[]): boolean {
  const name = awsErrorName(error);
  return name !== undefined && names.includes(name);
}

const throttling = [
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'PriorRequestNotComplete',
];
const network = ['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException'];

/** Throttling and dropped connections: the same call may succeed a moment later. */
export function isTransientAwsError(error: unknown): boolean {
  if (error instanceof SparkifyError) return error.transient;
  if (isAwsError(error, ...throttling, ...network)) return true;
  const meta = (error as { $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } } | null) ?? {};
  return meta.$retryable?.throttling === true || meta.$metadata?.httpStatusCode === 429;
}

const quota = [
  'ClusterQuotaExceededFault',
  'NumberOfNodesQuotaExceededFault',
  'NumberOfNodesPerClusterLimitExceededFault',
  'LimitExceededFault',
  'ServiceQuotaExceededException',
  'LimitExceededException',
  'RulesPerSecurityGroupLimitExceeded',
  'InsufficientClusterCapacityFault',
  'InsufficientCapacityException',
  'TagLimitExceededFault',
];
const denied = ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AccessDeniedFault', 'UnauthorizedException', 'AuthFailure'];
/** Runs a lookup the user may not be allowed to make (say, Serverless when they only use clusters): access denied gives `fallback` and a warning. */
export async function unlessDenied<T>(what: string, lookup: () => Promise<T>, fallback: T, warn: (line: string) => void): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if (!denied.includes(awsErrorName(error) ?? '')) throw error;
    warn(`warning: not allowed to look up ${what} (${awsErrorName(error)}) — skipped; check it in the AWS console`);
    return fallback;
  }
}

const badToken = ['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidSignatureException'];
const expired = ['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired'];

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').trim();
}

/** Turns any AWS SDK error into one line saying what went wrong and what to do. */
export function toAwsError(error: unknown, region: string): SparkifyError {
  if (error instanceof SparkifyError) return error;
  const name = awsErrorName(error) ?? 'Error';
  const call = typeof error === 'object' && error !== null ? operations.get(error) : undefined;
  const where = call ? `${call}: ` : '';
  const detail = firstLine(error);
  const make = (message: string) => new SparkifyError('AWS', message, { cause: error, transient: isTransientAwsError(error) });

  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(detail)) {
    return make(
      'no AWS credentials found — run `aws configure` or `aws sso login`, or set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or [AWS] KEY/SECRET in dwh.cfg)',
    );
  }
  if (denied.includes(name)) {
    return make(`${where}access denied (${detail}) — give your AWS user or role permission for this call (IAM, Redshift, EC2 security groups), or use a profile that has it`);
  }
  if (badToken.includes(name)) {
    return make(`${where}AWS rejected the credentials (${name}) — check the access key, or region "${region}" may be an opt-in region not enabled for this account`);
  }
  if (expired.includes(name)) return make(`${where}the AWS session has expired — run \`aws sso login\` or refresh your credentials`);
  if (quota.includes(name)) {
    return make(
      `${where}AWS quota or capacity exceeded (${name}: ${detail}) — delete unused clusters/workgroups/roles, use fewer or smaller nodes (DWH_NUM_NODES, DWH_NODE_TYPE), or request an increase in the Service Quotas console`,
    );
  }
  if (name === 'ENOTFOUND' || name === 'EAI_AGAIN' || name === 'UnknownEndpoint' || /getaddrinfo|region is missing|invalid region/i.test(detail)) {
    return make(
      `${where}cannot reach AWS in region "${region}" (${detail}) — check [AWS] REGION in dwh.cfg or --region (e.g. us-west-2, where udacity-dend lives) and your network`,
    );
  }
  if (/node ?type/i.test(detail) && /^(InvalidParameterValue|InvalidParameterCombination|UnsupportedOperationFault|InvalidParameterValueException)$/.test(name)) {
    return make(`${where}${name}: ${detail} — set [DWH] DWH_NODE_TYPE to a node type offered in ${region}, e.g. ra3.large (dc2 nodes may no longer be offered for new clusters)`);
  }
  if (throttling.includes(name)) return make(`${where}AWS is throttling requests (${name}) — wait a minute and run the command again`);
  return make(`${where}${name}: ${detail}`);
}

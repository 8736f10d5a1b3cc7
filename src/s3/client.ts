import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { Config } from '../config/config.js';
import { SparkifyError } from '../errors.js';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A ready S3 client and how it authenticates, so errors can say whether a request was signed. */
export interface S3Access {
  client: S3Client;
  signed: boolean;
  /** Where the credentials came from, or why requests go unsigned. */
  auth: string;
  /** Where requests go: the custom endpoint or AWS S3 with its region. */
  where: string;
  endpoint: string | undefined;
}

export interface S3ClientSettings {
  region: string;
  endpoint?: string;
  credentials?: S3Credentials;
  /** Anonymous requests: no credentials looked up, no Authorization header sent. */
  unsigned?: boolean;
}

function checkEndpoint(endpoint: string): string {
  if (!/^https?:\/\/[^/\s]+/i.test(endpoint)) {
    throw new SparkifyError('CONFIG', `S3 endpoint "${endpoint}" is not a URL — pass --s3-endpoint / SPARKIFY_S3_ENDPOINT like http://127.0.0.1:9000`);
  }
  return endpoint.replace(/\/+$/, '');
}

/** Builds an S3 client; the SDK is imported here, on first use, so other commands stay fast. */
export async function createS3Client(settings: S3ClientSettings): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  const config: S3ClientConfig = {
    region: settings.region,
    // Fail fast on a dead endpoint; an idle socket for two minutes is a stuck download.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
  };
  if (settings.endpoint) {
    config.endpoint = checkEndpoint(settings.endpoint);
    // S3-compatible stores (MinIO, s3rver, …) rarely resolve bucket.host names.
    config.forcePathStyle = true;
  } else {
    // A bucket in another region answers 301; let the SDK follow it instead of failing.
    config.followRegionRedirects = true;
  }
  if (settings.credentials) config.credentials = settings.credentials;
  if (settings.unsigned) {
    // The SDK's documented anonymous mode: the smithy noAuth scheme, whose signer adds nothing.
    const { NoAuthSigner } = await import('@smithy/core');
    config.httpAuthSchemes = [{ schemeId: 'smithy.api#noAuth', identityProvider: () => async () => ({}), signer: new NoAuthSigner() }];
    config.httpAuthSchemeProvider = () => [{ schemeId: 'smithy.api#noAuth' }];
  }
  return new S3Client(config);
}

/** dwh.cfg [AWS] KEY and SECRET, as the seeds' config carries them (infra uses the same keys). */
function configFileCredentials(config: Config): S3Credentials | undefined {
  const { accessKeyId, secretAccessKey } = config.aws;
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}

const isCredentialsProviderError = (error: unknown) => (error as { name?: unknown } | null)?.name === 'CredentialsProviderError';

/**
 * Opens S3 the way the config asks: unsigned when SPARKIFY_S3_UNSIGNED is on; signed with
 * explicit or dwh.cfg [AWS] credentials when given; else the AWS default chain — and when
 * that finds nothing, unsigned requests, which is what public buckets like udacity-dend need.
 */
export async function openS3(config: Config, credentials?: S3Credentials): Promise<S3Access> {
  const endpoint = config.s3Endpoint ? checkEndpoint(config.s3Endpoint) : undefined;
  const where = endpoint ? `S3 endpoint ${endpoint}` : `AWS S3 (region ${config.region})`;
  const base = { region: config.region, ...(endpoint ? { endpoint } : {}) };
  if (config.s3Unsigned) {
    return { client: await createS3Client({ ...base, unsigned: true }), signed: false, auth: 'SPARKIFY_S3_UNSIGNED is set', where, endpoint };
  }
  const explicit = credentials ?? configFileCredentials(config);
  if (explicit) {
    const auth = credentials ? 'the credentials passed in' : `[AWS] KEY in ${config.configFile}`;
    return { client: await createS3Client({ ...base, credentials: explicit }), signed: true, auth, where, endpoint };
  }
  const client = await createS3Client(base);
  try {
    // Resolve the chain now (env, profiles, SSO, container, instance metadata) to pick the mode once.
    await client.config.credentials();
    return { client, signed: true, auth: 'the AWS default credential chain', where, endpoint };
  } catch (error) {
    client.destroy();
    const reason = ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').trim();
    const profile = process.env.AWS_PROFILE;
    if (profile) {
      // A named profile is a request for signed access: say it is broken rather than go anonymous.
      throw new SparkifyError(
        'SOURCE',
        `AWS_PROFILE=${profile} is set but its credentials could not be loaded (${reason}) — run \`aws sso login --profile ${profile}\` or fix ~/.aws/config, or unset AWS_PROFILE to read a public bucket anonymously`,
        { cause: error },
      );
    }
    if (!isCredentialsProviderError(error)) {
      throw new SparkifyError(
        'SOURCE',
        `cannot load AWS credentials (${reason}) — fix the AWS profile or environment, or set SPARKIFY_S3_UNSIGNED=1 to read a public bucket anonymously`,
        { cause: error },
      );
    }
    return { client: await createS3Client({ ...base, unsigned: true }), signed: false, auth: 'no AWS credentials were found', where, endpoint };
  }
}

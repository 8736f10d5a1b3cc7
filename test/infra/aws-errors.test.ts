import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { ClusterQuotaExceededFault, CreateClusterCommand, NumberOfNodesQuotaExceededFault } from '@aws-sdk/client-redshift';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { SparkifyError } from '../../src/errors.js';
import { isTransientAwsError, toAwsError } from '../../src/infra/aws-errors.js';
import { infraStatus } from '../../src/infra/infra-status.js';
import { infraUp } from '../../src/infra/infra-up.js';
import { withRetry } from '../../src/infra/aws-retry.js';
import { awsError, installFakeAws, mocks, type FakeAws } from './fake-aws.js';
import { contextFor, project, runInfra, seedConfig } from './setup.js';

const cluster = { serverless: false, publiclyAccessible: false, baseCapacity: 8 };
const noSleep = { attempts: 4, baseDelayMs: 1, sleep: async () => {} };

async function upError(fake: FakeAws): Promise<SparkifyError> {
  const error = await infraUp(contextFor(project().dir, fake).ctx, cluster).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SparkifyError);
  expect((error as SparkifyError).code).toBe('AWS');
  return error as SparkifyError;
}

describe('AWS errors become one line that says what to do', () => {
  let fake: FakeAws;
  beforeEach(() => {
    fake = installFakeAws();
  });

  it('no credentials', async () => {
    mocks.sts.on(GetCallerIdentityCommand).rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers'));
    const error = await upError(fake);
    expect(error.message).toMatch(/^no AWS credentials found — run `aws configure` or `aws sso login`, or set AWS_PROFILE/);
    expect(fake.order).toEqual([]);
  });

  it('access denied names the call', async () => {
    mocks.iam.on(CreateRoleCommand).rejects(awsError('AccessDenied', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:CreateRole'));
    const error = await upError(fake);
    expect(error.message).toMatch(/^IAM CreateRole: access denied \(User: .* iam:CreateRole\) — give your AWS user or role permission/);
  });

  it('quota exceeded (clusters, nodes)', async () => {
    mocks.redshift.on(CreateClusterCommand).rejects(new NumberOfNodesQuotaExceededFault({ message: 'exceeds the node quota', $metadata: {} }));
    expect((await upError(fake)).message).toMatch(
      /Redshift CreateCluster: AWS quota or capacity exceeded \(NumberOfNodesQuotaExceededFault: exceeds the node quota\) — .*Service Quotas/,
    );
    const quota = toAwsError(new ClusterQuotaExceededFault({ message: 'too many clusters', $metadata: {} }), 'us-west-2');
    expect(quota.message).toMatch(/quota or capacity exceeded/);
  });

  it('unknown or unreachable region', async () => {
    mocks.sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND sts.us-west-9.amazonaws.com'), { code: 'ENOTFOUND' }));
    expect((await upError(fake)).message).toMatch(/^STS GetCallerIdentity: cannot reach AWS in region "us-west-2" .* check \[AWS\] REGION in dwh.cfg or --region/);
  });

  it('a malformed region is refused before any call', async () => {
    const { dir } = project(seedConfig.replace('[AWS]\n', '[AWS]\nREGION=Oregon\n'));
    const run = await runInfra(['status'], dir, { clients: fake.clients() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"Oregon" is not an AWS region name (like us-west-2');
    expect(mocks.sts.calls()).toHaveLength(0);
  });

  it('rejected or expired credentials', () => {
    expect(toAwsError(awsError('InvalidClientTokenId', 'The security token included in the request is invalid.'), 'ap-east-1').message).toMatch(
      /AWS rejected the credentials \(InvalidClientTokenId\) — check the access key, or region "ap-east-1" may be an opt-in region/,
    );
    expect(toAwsError(awsError('ExpiredToken'), 'us-west-2').message).toMatch(/session has expired — run `aws sso login`/);
  });

  it('an unavailable node type says which key to change', () => {
    expect(toAwsError(awsError('InvalidParameterValue', 'Node type dc2.large is not supported.'), 'us-west-2').message).toMatch(
      /^InvalidParameterValue: Node type dc2.large is not supported. — set \[DWH\] DWH_NODE_TYPE to a node type offered in us-west-2, e.g. ra3.large/,
    );
  });

  it('anything else keeps the AWS code and message', () => {
    expect(toAwsError(awsError('InvalidParameterValue', 'Invalid master user name'), 'us-west-2').message).toBe('InvalidParameterValue: Invalid master user name');
  });

  it('retries throttling with backoff, then succeeds', async () => {
    mocks.sts.on(GetCallerIdentityCommand).rejectsOnce(awsError('ThrottlingException', 'Rate exceeded')).rejectsOnce(awsError('Throttling')).resolves({ Account: '123456789012' });
    const result = await infraUp(contextFor(project().dir, fake).ctx, cluster);
    expect(result.account).toBe('123456789012');
    expect(mocks.sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(3);
  });

  it('gives up on persistent throttling with a transient error', async () => {
    mocks.sts.on(GetCallerIdentityCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const error = await upError(fake);
    expect(error.message).toMatch(/AWS is throttling requests \(ThrottlingException\) — wait a minute/);
    expect(error.transient).toBe(true);
  });

  it('does not retry terminal errors', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw awsError('AccessDenied');
    };
    await expect(withRetry(failing, noSleep)).rejects.toThrow('AccessDenied');
    expect(calls).toBe(1);
    expect(isTransientAwsError(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 429 } }))).toBe(true);
  });

  it('status maps errors too', async () => {
    mocks.redshift.onAnyCommand().rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers'));
    await expect(infraStatus(contextFor(project().dir, fake).ctx)).rejects.toThrow(/^no AWS credentials found/);
  });
});

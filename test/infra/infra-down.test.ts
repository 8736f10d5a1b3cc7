import { readFileSync } from 'node:fs';
import { DeleteRoleCommand, DeleteRolePolicyCommand } from '@aws-sdk/client-iam';
import { DescribeSecurityGroupRulesCommand } from '@aws-sdk/client-ec2';
import { DeleteClusterCommand } from '@aws-sdk/client-redshift';
import { GetWorkgroupCommand } from '@aws-sdk/client-redshift-serverless';
import { beforeEach, describe, expect, it } from 'vitest';
import { infraDown } from '../../src/infra/infra-down.js';
import { infraUp } from '../../src/infra/infra-up.js';
import { awsError, clusterEndpoint, installFakeAws, mocks, type FakeAws } from './fake-aws.js';
import { contextFor, project, runInfra, failure } from './setup.js';

const keepNothing = { keepRole: false, snapshot: false };

describe('infra down', () => {
  let fake: FakeAws;
  beforeEach(() => {
    fake = installFakeAws();
  });

  async function upPublic(dir: string) {
    await infraUp(contextFor(dir, fake).ctx, { serverless: false, publiclyAccessible: true, baseCapacity: 8 });
    fake.order.length = 0;
  }

  it('tears down in order: cluster (waits until gone) → ingress rule → role policy → role', async () => {
    const { dir } = project();
    await upPublic(dir);
    const { ctx, log } = contextFor(dir, fake);
    const result = await infraDown(ctx, keepNothing);
    expect(fake.order).toEqual(['DeleteCluster', 'RevokeSecurityGroupIngress', 'DeleteRolePolicy', 'DeleteRole']);
    expect(log.some((line) => /cluster sparkify-cluster: deleting \(\d+s\)/.test(line))).toBe(true);
    expect(log.some((line) => /cluster sparkify-cluster: deleted \(\d+s\)/.test(line))).toBe(true);
    expect(result.deleted).toEqual([
      'Redshift cluster sparkify-cluster',
      'ingress rule tcp 5439 from 203.0.113.7/32 in sg-0123456789abcdef0',
      'IAM role sparkify-redshift-s3-read',
    ]);
    expect(fake.state).toMatchObject({ cluster: undefined, role: undefined, rules: [] });
  });

  it('deletes without a final snapshot by default, and with one when asked', async () => {
    const { dir } = project();
    await upPublic(dir);
    await infraDown(contextFor(dir, fake).ctx, keepNothing);
    expect(mocks.redshift.commandCalls(DeleteClusterCommand)[0]!.args[0].input).toEqual({ ClusterIdentifier: 'sparkify-cluster', SkipFinalClusterSnapshot: true });

    await upPublic(dir);
    await infraDown(contextFor(dir, fake).ctx, { keepRole: false, snapshot: true });
    const input = mocks.redshift.commandCalls(DeleteClusterCommand)[1]!.args[0].input;
    expect(input.SkipFinalClusterSnapshot).toBe(false);
    expect(input.FinalClusterSnapshotIdentifier).toMatch(/^sparkify-cluster-final-\d{14}$/);
  });

  it('keeps the role and its policy with --keep-role', async () => {
    const { dir } = project();
    await upPublic(dir);
    const result = await infraDown(contextFor(dir, fake).ctx, { keepRole: true, snapshot: false });
    expect(mocks.iam.commandCalls(DeleteRoleCommand)).toHaveLength(0);
    expect(mocks.iam.commandCalls(DeleteRolePolicyCommand)).toHaveLength(0);
    expect(result.kept).toEqual(['IAM role sparkify-redshift-s3-read (--keep-role)']);
    expect(fake.state.role).toBeDefined();
  });

  it('clears HOST and ARN in dwh.cfg when they name what was deleted', async () => {
    const { dir, file } = project();
    await upPublic(dir);
    expect(readFileSync(file, 'utf8')).toContain(`HOST=${clusterEndpoint}`);
    await infraDown(contextFor(dir, fake).ctx, keepNothing);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^HOST=$/m);
    expect(text).toMatch(/^ARN=$/m);
    expect(text).toContain('# filled in by sparkify infra up');
  });

  it('says so and exits 0 when nothing exists', async () => {
    const { dir } = project();
    const run = await runInfra(['down'], dir, { clients: fake.clients() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'nothing to delete: no cluster or serverless workgroup "sparkify-cluster", no ingress rule and no IAM role "sparkify-redshift-s3-read" in us-west-2',
    );
    expect(fake.order).toEqual([]);
  });

  it('is idempotent: a second down finds nothing', async () => {
    const { dir } = project();
    await upPublic(dir);
    await infraDown(contextFor(dir, fake).ctx, keepNothing);
    const again = await infraDown(contextFor(dir, fake).ctx, keepNothing);
    expect(again.nothingFound).toBe(true);
  });

  it('skips, with a warning, what the user may not look up (Serverless, EC2) and deletes the rest', async () => {
    const { dir } = project();
    await infraUp(contextFor(dir, fake).ctx, { serverless: false, publiclyAccessible: false, baseCapacity: 8 });
    mocks.serverless.on(GetWorkgroupCommand).rejects(awsError('AccessDeniedException', 'not authorized: redshift-serverless:GetWorkgroup'));
    mocks.ec2.on(DescribeSecurityGroupRulesCommand).rejects(awsError('UnauthorizedOperation', 'not authorized: ec2:DescribeSecurityGroupRules'));
    const { ctx, log } = contextFor(dir, fake);
    const result = await infraDown(ctx, keepNothing);
    expect(result.deleted).toEqual(['Redshift cluster sparkify-cluster', 'IAM role sparkify-redshift-s3-read']);
    expect(log).toContain('warning: not allowed to look up Redshift Serverless (AccessDeniedException) — skipped; check it in the AWS console');
    expect(log).toContain('warning: not allowed to look up security group rules (UnauthorizedOperation) — skipped; check it in the AWS console');
  });

  it('tells how to finish when the wait for deletion times out', async () => {
    const { dir } = project();
    await upPublic(dir);
    const slow = installFakeAws({ pollsUntilReady: 1000 });
    slow.state.cluster = { ClusterIdentifier: 'sparkify-cluster', ClusterStatus: 'available' };
    const error = await failure(infraDown(contextFor(dir, slow, { timeoutMs: 5 }).ctx, keepNothing));
    expect(error.message).toMatch(/cluster sparkify-cluster is still "deleting" after \d+s — AWS keeps deleting it: rerun `sparkify infra down`/);
  });
});

import { readFileSync } from 'node:fs';
import { AuthorizeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { AttachRolePolicyCommand, CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { ClusterAlreadyExistsFault, ClusterQuotaExceededFault, CreateClusterCommand, DescribeClustersCommand } from '@aws-sdk/client-redshift';
import { beforeEach, describe, expect, it } from 'vitest';
import { infraUp } from '../../src/infra/infra-up.js';
import { clusterEndpoint, everythingSent, installFakeAws, mocks, securityGroup, type FakeAws } from './fake-aws.js';
import { contextFor, project, seedConfig, testIp, failure } from './setup.js';

const cluster = { serverless: false, publiclyAccessible: false, baseCapacity: 8 };

describe('infra up (provisioned cluster)', () => {
  let fake: FakeAws;
  beforeEach(() => {
    fake = installFakeAws();
  });

  it('creates a role only Redshift can assume', async () => {
    const { ctx } = contextFor(project().dir, fake);
    await infraUp(ctx, cluster);
    const [call] = mocks.iam.commandCalls(CreateRoleCommand);
    const trust = JSON.parse(call!.args[0].input.AssumeRolePolicyDocument!);
    expect(trust.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
  });

  it('grants only ListBucket on the prefixes and GetObject under them, never AmazonS3ReadOnlyAccess', async () => {
    const { ctx } = contextFor(project().dir, fake);
    await infraUp(ctx, cluster);
    const [call] = mocks.iam.commandCalls(PutRolePolicyCommand);
    const policy = JSON.parse(call!.args[0].input.PolicyDocument!);
    expect(policy.Statement).toEqual([
      {
        Sid: 'ListSourcePrefixes1',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::udacity-dend',
        Condition: { StringLike: { 's3:prefix': ['log_data*', 'song_data*'] } },
      },
      {
        Sid: 'ReadSourceObjects',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: ['arn:aws:s3:::udacity-dend/log_data*', 'arn:aws:s3:::udacity-dend/song_data*', 'arn:aws:s3:::udacity-dend/log_json_path.json'],
      },
    ]);
    expect(mocks.iam.commandCalls(AttachRolePolicyCommand)).toHaveLength(0);
    expect(everythingSent()).not.toContain('AmazonS3ReadOnlyAccess');
  });

  it('creates an encrypted, private cluster whose password Secrets Manager keeps, with the role attached', async () => {
    const { ctx } = contextFor(project().dir, fake);
    const result = await infraUp(ctx, cluster);
    const input = mocks.redshift.commandCalls(CreateClusterCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      ClusterIdentifier: 'sparkify-cluster',
      ClusterType: 'multi-node',
      NumberOfNodes: 4,
      NodeType: 'ra3.large',
      DBName: 'sparkify',
      MasterUsername: 'sparkify_admin',
      Port: 5439,
      Encrypted: true,
      PubliclyAccessible: false,
      ManageMasterPassword: true,
      IamRoles: ['arn:aws:iam::123456789012:role/sparkify-redshift-s3-read'],
    });
    expect(input.MasterUserPassword).toBeUndefined();
    expect(result).toMatchObject({ kind: 'cluster', state: 'available', endpoint: { address: clusterEndpoint, port: 5439 } });
    expect(result.passwordSecretArn).toContain('secretsmanager');
  });

  it('passes DWH_DB_PASSWORD instead of a managed password when one is given', async () => {
    const { dir } = project(seedConfig.replace('DWH_DB_PASSWORD        =', 'DWH_DB_PASSWORD        = Passw0rd-of-test'));
    const { ctx } = contextFor(dir, fake);
    await infraUp(ctx, cluster);
    const input = mocks.redshift.commandCalls(CreateClusterCommand)[0]!.args[0].input;
    expect(input.MasterUserPassword).toBe('Passw0rd-of-test');
    expect(input.ManageMasterPassword).toBeUndefined();
  });

  it('omits NumberOfNodes for a single-node cluster', async () => {
    const { dir } = project(seedConfig.replace('multi-node', 'single-node'));
    await infraUp(contextFor(dir, fake).ctx, cluster);
    const input = mocks.redshift.commandCalls(CreateClusterCommand)[0]!.args[0].input;
    expect(input.ClusterType).toBe('single-node');
    expect(input).not.toHaveProperty('NumberOfNodes');
  });

  it('waits until available, printing the state and the elapsed time', async () => {
    const { ctx, log } = contextFor(project().dir, fake);
    await infraUp(ctx, cluster);
    expect(mocks.redshift.commandCalls(DescribeClustersCommand).length).toBeGreaterThanOrEqual(3);
    expect(log.filter((line) => /cluster sparkify-cluster: creating \(\d+s\)/.test(line)).length).toBeGreaterThanOrEqual(1);
    expect(log.some((line) => /cluster sparkify-cluster: available \(\d+s\)/.test(line))).toBe(true);
  });

  it('writes HOST and ARN back into dwh.cfg, keeping its comments and other keys', async () => {
    const { dir, file } = project();
    await infraUp(contextFor(dir, fake).ctx, cluster);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`HOST=${clusterEndpoint}`);
    expect(text).toContain('ARN=arn:aws:iam::123456789012:role/sparkify-redshift-s3-read');
    expect(text).toContain('DB_NAME=sparkify');
    expect(text).toContain('# Sparkify warehouse — keep this file out of git');
    expect(text).toContain('# filled in by sparkify infra up');
    expect(text).toContain('; the cluster name');
    expect(text).toContain("LOG_DATA='s3://udacity-dend/log_data'");
  });

  it('reuses the role and the cluster when run twice', async () => {
    const { dir } = project();
    await infraUp(contextFor(dir, fake).ctx, cluster);
    const { ctx, log } = contextFor(dir, fake);
    const second = await infraUp(ctx, cluster);
    expect(mocks.iam.commandCalls(CreateRoleCommand)).toHaveLength(1);
    expect(mocks.redshift.commandCalls(CreateClusterCommand)).toHaveLength(1);
    expect(second.created).toEqual([]);
    expect(second.role.created).toBe(false);
    expect(log.join('\n')).toMatch(/IAM role sparkify-redshift-s3-read exists — reusing it/);
    expect(log.join('\n')).toMatch(/Redshift cluster sparkify-cluster exists \(available\) — reusing it/);
  });

  it('describes and reuses the cluster when CreateCluster says it already exists', async () => {
    const { ctx } = contextFor(project().dir, fake);
    let describes = 0;
    mocks.redshift.on(DescribeClustersCommand).callsFake(() => {
      describes++;
      if (describes === 1) throw Object.assign(new Error('not found'), { name: 'ClusterNotFoundFault' });
      return { Clusters: [{ ClusterIdentifier: 'sparkify-cluster', ClusterStatus: 'available', Endpoint: { Address: clusterEndpoint, Port: 5439 }, VpcSecurityGroups: [] }] };
    });
    mocks.redshift.on(CreateClusterCommand).rejects(new ClusterAlreadyExistsFault({ message: 'Cluster already exists', $metadata: {} }));
    const result = await infraUp(ctx, cluster);
    expect(result.state).toBe('available');
    expect(result.created).toEqual(['IAM role sparkify-redshift-s3-read']);
  });

  it('with --public opens DWH_PORT in the cluster security group to this machine /32 only', async () => {
    const { ctx } = contextFor(project().dir, fake);
    const result = await infraUp(ctx, { ...cluster, publiclyAccessible: true });
    expect(mocks.redshift.commandCalls(CreateClusterCommand)[0]!.args[0].input.PubliclyAccessible).toBe(true);
    const input = mocks.ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)[0]!.args[0].input;
    expect(input.GroupId).toBe(securityGroup);
    expect(input.IpPermissions).toEqual([
      { IpProtocol: 'tcp', FromPort: 5439, ToPort: 5439, IpRanges: [{ CidrIp: `${testIp}/32`, Description: 'sparkify: pg-wire from this machine' }] },
    ]);
    expect(result.ingress).toEqual({ groupId: securityGroup, cidr: `${testIp}/32`, created: true });
    expect(everythingSent()).not.toContain('0.0.0.0/0');
  });

  it('never sends 0.0.0.0/0 and opens no port without --public', async () => {
    const { ctx } = contextFor(project().dir, fake);
    await infraUp(ctx, cluster);
    expect(mocks.ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(0);
    expect(everythingSent()).not.toContain('0.0.0.0');
  });

  it('reuses an identical ingress rule on a second --public run', async () => {
    const { dir } = project();
    await infraUp(contextFor(dir, fake).ctx, { ...cluster, publiclyAccessible: true });
    const again = await infraUp(contextFor(dir, fake).ctx, { ...cluster, publiclyAccessible: true });
    expect(again.ingress?.created).toBe(false);
    expect(fake.state.rules).toHaveLength(1);
  });

  it('after a partial failure says what was created and how to clean it', async () => {
    const { ctx } = contextFor(project().dir, fake);
    mocks.redshift.on(CreateClusterCommand).rejects(new ClusterQuotaExceededFault({ message: 'The request would exceed the allowed number of cluster instances', $metadata: {} }));
    const error = await failure(infraUp(ctx, cluster));
    expect(error.message).toMatch(/^Redshift CreateCluster: AWS quota or capacity exceeded \(ClusterQuotaExceededFault/);
    expect(error.message).toContain('created before the failure: IAM role sparkify-redshift-s3-read');
    expect(error.message).toContain('`sparkify infra down`');
  });

  it('lists a new role even when putting its policy fails', async () => {
    const { ctx } = contextFor(project().dir, fake);
    mocks.iam.on(PutRolePolicyCommand).rejects(Object.assign(new Error('MalformedPolicyDocument'), { name: 'MalformedPolicyDocumentException' }));
    const error = await failure(infraUp(ctx, cluster));
    expect(error.message).toMatch(/^IAM PutRolePolicy: MalformedPolicyDocumentException/);
    expect(error.message).toContain('created before the failure: IAM role sparkify-redshift-s3-read');
  });

  it('says the cluster was created when the wait times out', async () => {
    const slow = installFakeAws({ pollsUntilReady: 1000 });
    const { ctx } = contextFor(project().dir, slow, { timeoutMs: 5 });
    const error = await failure(infraUp(ctx, cluster));
    expect(error.message).toMatch(/cluster sparkify-cluster is still "creating" after/);
    expect(error.message).toContain('Redshift cluster sparkify-cluster');
    expect(error.message).toContain('`sparkify infra down`');
  });
});

import { readFileSync } from 'node:fs';
import { AuthorizeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { CreateClusterCommand } from '@aws-sdk/client-redshift';
import { CreateNamespaceCommand, CreateWorkgroupCommand, GetWorkgroupCommand } from '@aws-sdk/client-redshift-serverless';
import { beforeEach, describe, expect, it } from 'vitest';
import { infraDown } from '../../src/infra/infra-down.js';
import { infraUp } from '../../src/infra/infra-up.js';
import { everythingSent, installFakeAws, mocks, securityGroup, workgroupEndpoint, type FakeAws } from './fake-aws.js';
import { contextFor, project, testIp } from './setup.js';

const serverless = { serverless: true, publiclyAccessible: false, baseCapacity: 8 };
const roleArn = 'arn:aws:iam::123456789012:role/sparkify-redshift-s3-read';

describe('infra up --serverless', () => {
  let fake: FakeAws;
  beforeEach(() => {
    fake = installFakeAws();
  });

  it('creates a namespace with the role attached and a managed admin password', async () => {
    await infraUp(contextFor(project().dir, fake).ctx, serverless);
    expect(mocks.serverless.commandCalls(CreateNamespaceCommand)[0]!.args[0].input).toMatchObject({
      namespaceName: 'sparkify-cluster',
      dbName: 'sparkify',
      adminUsername: 'sparkify_admin',
      manageAdminPassword: true,
      iamRoles: [roleArn],
      defaultIamRoleArn: roleArn,
    });
    expect(mocks.redshift.commandCalls(CreateClusterCommand)).toHaveLength(0);
  });

  it('creates a private workgroup with base capacity 8 by default, or the one given', async () => {
    await infraUp(contextFor(project().dir, fake).ctx, serverless);
    expect(mocks.serverless.commandCalls(CreateWorkgroupCommand)[0]!.args[0].input).toMatchObject({
      workgroupName: 'sparkify-cluster',
      namespaceName: 'sparkify-cluster',
      baseCapacity: 8,
      publiclyAccessible: false,
      port: 5439,
    });
    fake = installFakeAws();
    await infraUp(contextFor(project().dir, fake).ctx, { ...serverless, baseCapacity: 32 });
    expect(mocks.serverless.commandCalls(CreateWorkgroupCommand)[0]!.args[0].input.baseCapacity).toBe(32);
  });

  it('polls GetWorkgroup until AVAILABLE and writes the workgroup endpoint to dwh.cfg', async () => {
    const { dir, file } = project();
    const { ctx, log } = contextFor(dir, fake);
    const result = await infraUp(ctx, serverless);
    expect(mocks.serverless.commandCalls(GetWorkgroupCommand).length).toBeGreaterThanOrEqual(3);
    expect(log.some((line) => /workgroup sparkify-cluster: CREATING \(\d+s\)/.test(line))).toBe(true);
    expect(result).toMatchObject({ kind: 'serverless', state: 'AVAILABLE', endpoint: { address: workgroupEndpoint, port: 5439 } });
    expect(readFileSync(file, 'utf8')).toContain(`HOST=${workgroupEndpoint}`);
    expect(result.costHint).toMatch(/\$0\.36 per RPU-hour × 8 RPU/);
  });

  it('with --public opens the port to this machine /32 only', async () => {
    await infraUp(contextFor(project().dir, fake).ctx, { ...serverless, publiclyAccessible: true });
    expect(mocks.serverless.commandCalls(CreateWorkgroupCommand)[0]!.args[0].input.publiclyAccessible).toBe(true);
    const input = mocks.ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)[0]!.args[0].input;
    expect(input.GroupId).toBe(securityGroup);
    expect(input.IpPermissions?.[0]?.IpRanges).toEqual([{ CidrIp: `${testIp}/32`, Description: 'sparkify: pg-wire from this machine' }]);
    expect(everythingSent()).not.toContain('0.0.0.0/0');
  });

  it('reuses the namespace and workgroup when run twice', async () => {
    const { dir } = project();
    await infraUp(contextFor(dir, fake).ctx, serverless);
    const second = await infraUp(contextFor(dir, fake).ctx, serverless);
    expect(second.created).toEqual([]);
    expect(fake.order.filter((call) => call.startsWith('Create'))).toEqual(['CreateRole', 'CreateNamespace', 'CreateWorkgroup']);
  });

  it('down deletes the workgroup, waits, then the namespace, then the role', async () => {
    const { dir } = project();
    await infraUp(contextFor(dir, fake).ctx, serverless);
    fake.order.length = 0;
    const { ctx, log } = contextFor(dir, fake);
    const result = await infraDown(ctx, { keepRole: false, snapshot: false });
    expect(fake.order).toEqual(['DeleteWorkgroup', 'DeleteNamespace', 'DeleteRolePolicy', 'DeleteRole']);
    expect(log.some((line) => /workgroup sparkify-cluster: DELETING/.test(line))).toBe(true);
    expect(result.deleted).toEqual(['Redshift Serverless workgroup sparkify-cluster', 'Redshift Serverless namespace sparkify-cluster', 'IAM role sparkify-redshift-s3-read']);
    expect(fake.state.namespace).toBeUndefined();
  });
});

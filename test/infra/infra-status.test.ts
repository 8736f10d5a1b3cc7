import { beforeEach, describe, expect, it } from 'vitest';
import { infraUp } from '../../src/infra/infra-up.js';
import { clusterEndpoint, installFakeAws, type FakeAws } from './fake-aws.js';
import { contextFor, project, runInfra } from './setup.js';

describe('infra status', () => {
  let fake: FakeAws;
  beforeEach(() => {
    fake = installFakeAws();
  });

  it('prints what exists, its state, endpoint, role ARN and a cost hint', async () => {
    const { dir } = project();
    await infraUp(contextFor(dir, fake).ctx, { serverless: false, publiclyAccessible: true, baseCapacity: 8 });
    const run = await runInfra(['status'], dir, { clients: fake.clients() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`cluster    sparkify-cluster: available, 4 × ra3.large, encrypted, publicly accessible, endpoint ${clusterEndpoint}:5439`);
    expect(run.stdout).toContain('serverless none');
    expect(run.stdout).toContain('IAM role   sparkify-redshift-s3-read: arn:aws:iam::123456789012:role/sparkify-redshift-s3-read');
    expect(run.stdout).toContain('ingress    tcp 5439 from 203.0.113.7/32 in sg-0123456789abcdef0');
    expect(run.stdout).toMatch(/cost: ≈ \$2\.17\/hour \(≈ \$52\/day\) while the cluster exists — 4 × ra3\.large at ≈ \$0\.54\/node-hour, approximate on-demand list price/);
    expect(fake.order).not.toContain('CreateCluster'.repeat(2));
  });

  it('shows a serverless workgroup with its RPU cost hint', async () => {
    const { dir } = project();
    await infraUp(contextFor(dir, fake).ctx, { serverless: true, publiclyAccessible: false, baseCapacity: 16 });
    const run = await runInfra(['status'], dir, { clients: fake.clients() });
    expect(run.stdout).toMatch(/serverless workgroup sparkify-cluster: AVAILABLE, base 16 RPU, private, endpoint .*; namespace AVAILABLE/);
    expect(run.stdout).toMatch(/≈ \$0\.36 per RPU-hour × 16 RPU ≈ \$5\.76\/hour, billed per second only while queries run/);
  });

  it('says nothing exists, and makes no change', async () => {
    const run = await runInfra(['status'], project().dir, { clients: fake.clients() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('cluster    none');
    expect(run.stdout).toContain('nothing exists — `sparkify infra up` creates it');
    expect(fake.order).toEqual([]);
  });

  it('--json prints the report as data', async () => {
    const { dir } = project();
    await infraUp(contextFor(dir, fake).ctx, { serverless: false, publiclyAccessible: false, baseCapacity: 8 });
    const report = JSON.parse((await runInfra(['status', '--json'], dir, { clients: fake.clients() })).stdout);
    expect(report).toMatchObject({ region: 'us-west-2', cluster: { state: 'available', nodes: 4 }, role: { arn: expect.stringContaining(':role/') }, ingress: [] });
    expect(report.configHost).toBe(clusterEndpoint);
  });
});

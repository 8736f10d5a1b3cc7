import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateClusterCommand, DescribeOrderableClusterOptionsCommand } from '@aws-sdk/client-redshift';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/fields.js';
import { infraUp } from '../../src/infra/infra-up.js';
import { replacementFor } from '../../src/infra/node-types.js';
import { allCalls, awsError, installFakeAws, mocks, type FakeAws } from './fake-aws.js';
import { contextFor, failure, project, runInfra, seedConfig, seedsAsWritten, settingsFor } from './setup.js';

const cluster = { serverless: false, publiclyAccessible: false, baseCapacity: 8 };

/** A terminal on stdin that answers `answer` to the first question. */
function terminal(answer: string) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  setTimeout(() => stdin.write(`${answer}\n`), 5);
  return stdin;
}

describe('node types AWS sells today', () => {
  let fake: FakeAws;
  beforeEach(() => {
    fake = installFakeAws();
  });

  it('the built-in default is an orderable RA3 type, not dc2', () => {
    expect(defaultConfig().dwh.nodeType).toBe('ra3.large');
    expect(replacementFor(defaultConfig().dwh.nodeType)).toBeUndefined();
    expect(settingsFor(project(null).dir).nodeType).toBe('ra3.large');
  });

  it("the seeds' 4 × dc2.large: asks AWS, then stops before creating anything, naming the replacements and how to set them", async () => {
    const { dir, file } = project(seedsAsWritten);
    const run = await runInfra(['up'], dir, { clients: fake.clients() });
    expect(run.code).toBe(1);
    expect(mocks.redshift.commandCalls(DescribeOrderableClusterOptionsCommand)[0]!.args[0].input).toMatchObject({ NodeType: 'dc2.large' });
    expect(mocks.iam.commandCalls(CreateRoleCommand)).toHaveLength(0);
    expect(mocks.redshift.commandCalls(CreateClusterCommand)).toHaveLength(0);
    expect(fake.order).toEqual([]);
    const message = run.stderr.split('\n').find((line) => line.includes('cannot be ordered'))!;
    expect(message).toContain('node type dc2.large cannot be ordered in us-west-2 (AWS has retired dc2 nodes for new clusters); nothing was created');
    for (const way of ['ra3.large', 'ra3.xlplus', '--node-type ra3.large', 'DWH_NODE_TYPE=ra3.large', '--serverless']) expect(message).toContain(way);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(seedsAsWritten);
  });

  it('--node-type replaces the dc2.large of dwh.cfg for this run', async () => {
    const { dir } = project(seedsAsWritten);
    const run = await runInfra(['up', '--node-type', 'ra3.xlplus'], dir, { clients: fake.clients() });
    expect(run.code, run.stderr).toBe(0);
    expect(mocks.redshift.commandCalls(CreateClusterCommand)[0]!.args[0].input).toMatchObject({ NodeType: 'ra3.xlplus', NumberOfNodes: 4 });
    expect(run.stdout).toMatch(/cost: ≈ \$4\.34\/hour .* 4 × ra3\.xlplus/);
  });

  it('an orderable type in a cluster type AWS does not offer stops too, saying which it offers', async () => {
    const { dir } = project(seedConfig.replace('multi-node', 'single-node').replace('= ra3.large', '= ra3.4xlarge'));
    const error = await failure(infraUp(contextFor(dir, fake).ctx, cluster));
    expect(error.message).toMatch(/^node type ra3\.4xlarge is offered in us-west-2 only as multi-node, not single-node; nothing was created — set \[DWH\] DWH_CLUSTER_TYPE/);
    expect(fake.order).toEqual([]);
  });

  it('not allowed to ask: a retired type still stops before anything is created; another goes ahead with a warning', async () => {
    mocks.redshift.on(DescribeOrderableClusterOptionsCommand).rejects(awsError('AccessDenied', 'not authorized to perform: redshift:DescribeOrderableClusterOptions'));
    const retired = contextFor(project(seedsAsWritten).dir, fake);
    const error = await failure(infraUp(retired.ctx, cluster));
    expect(error.message).toMatch(/^node type dc2\.large is retired: AWS no longer creates dc2\.large clusters; nothing was created — use ra3\.large/);
    expect(fake.order).toEqual([]);
    const current = contextFor(project().dir, fake);
    await infraUp(current.ctx, cluster);
    expect(current.log).toContain(
      'warning: not allowed to look up whether ra3.large can be ordered (redshift:DescribeOrderableClusterOptions) (AccessDenied) — skipped; check it in the AWS console',
    );
    expect(fake.order).toContain('CreateCluster');
  });

  it('an existing cluster is reused whatever its type: nothing to order', async () => {
    const { dir } = project(seedsAsWritten);
    fake.state.cluster = {
      ClusterIdentifier: 'sparkify-cluster',
      ClusterStatus: 'available',
      NodeType: 'dc2.large',
      NumberOfNodes: 4,
      Endpoint: { Address: 'x.redshift.amazonaws.com', Port: 5439 },
    };
    await infraUp(contextFor(dir, fake).ctx, cluster);
    expect(mocks.redshift.commandCalls(DescribeOrderableClusterOptionsCommand)).toHaveLength(0);
    expect(fake.order).not.toContain('CreateCluster');
  });

  it('--dry-run (no call at all) warns from the retired list and plans the replacement', async () => {
    const { dir } = project(seedsAsWritten);
    const run = await runInfra(['up', '--dry-run'], dir, { clients: fake.clients() });
    expect(run.code, run.stderr).toBe(0);
    expect(allCalls()).toHaveLength(0);
    expect(run.stdout).toContain(
      'warning: dc2.large is a retired node type — AWS no longer creates dc2.large clusters, so a real `infra up` would stop here. This plan uses ra3.large instead',
    );
    expect(run.stdout).toMatch(/Redshift DescribeOrderableClusterOptions \{\s*"NodeType": "ra3\.large"/);
    expect(run.stdout).toMatch(/Redshift CreateCluster \{[^}]*"NodeType": "ra3\.large"/);
    expect(run.stdout).not.toMatch(/"NodeType": "dc2\.large"/);
  });
});

describe('costs are never a surprise', () => {
  let fake: FakeAws;
  beforeEach(() => {
    fake = installFakeAws();
  });

  it('up prints the hourly cost of the cluster before creating it', async () => {
    const { dir } = project();
    const run = await runInfra(['up'], dir, { clients: fake.clients() });
    expect(run.code, run.stderr).toBe(0);
    const about = run.stderr.indexOf('about to create Redshift cluster sparkify-cluster (4 × ra3.large) — cost: ≈ $2.17/hour');
    expect(about).toBeGreaterThan(-1);
    expect(about).toBeLessThan(run.stderr.indexOf('creating Redshift cluster'));
  });

  it('up --serverless prints the RPU base cost before creating', async () => {
    const run = await runInfra(['up', '--serverless', '--base-capacity', '8'], project().dir, { clients: fake.clients() });
    expect(run.stderr).toMatch(/about to create Redshift Serverless workgroup sparkify-cluster \(base 8 RPU\) — cost: ≈ \$0\.36 per RPU-hour × 8 RPU ≈ \$2\.88\/hour/);
  });

  it('at a terminal, up asks before creating; "n" creates nothing and says how to go ahead', async () => {
    const { dir } = project();
    const run = await runInfra(['up'], dir, { clients: fake.clients(), stdin: terminal('n') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('create Redshift cluster sparkify-cluster (4 × ra3.large)? [y/N]');
    expect(run.stderr).toContain('nothing was created — rerun `sparkify infra up --yes`');
    expect(fake.order).toEqual([]);
  });

  it('at a terminal, "y" goes ahead; --yes does not ask', async () => {
    const asked = await runInfra(['up'], project().dir, { clients: fake.clients(), stdin: terminal('y') });
    expect(asked.code, asked.stderr).toBe(0);
    expect(fake.order).toContain('CreateCluster');
    fake = installFakeAws();
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const yes = await runInfra(['up', '--yes'], project().dir, { clients: fake.clients(), stdin });
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stderr).not.toContain('[y/N]');
    expect(fake.order).toContain('CreateCluster');
  });

  it('does not ask again to reuse what exists', async () => {
    const { dir } = project();
    await runInfra(['up'], dir, { clients: fake.clients() });
    const again = await runInfra(['up'], dir, { clients: fake.clients(), stdin: terminal('n') });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('[y/N]');
  });

  it('--dry-run shows the cost, and says a DWH_DB_PASSWORD replaces the Secrets Manager password', async () => {
    const { dir } = project(seedConfig.replace('DWH_DB_PASSWORD        =', 'DWH_DB_PASSWORD        = Sup3r-Secret-Pw'));
    const run = await runInfra(['up', '--dry-run'], dir, { clients: fake.clients() });
    expect(run.stdout).toContain('"MasterUserPassword": "***"');
    expect(run.stdout).toContain('about to create Redshift cluster sparkify-cluster (4 × ra3.large) — cost: ≈ $2.17/hour');
    expect(run.stdout).toContain(
      'the admin password comes from dwh.cfg [DWH] DWH_DB_PASSWORD (MasterUserPassword), which replaces the one AWS Secrets Manager would generate and keep',
    );
    expect(run.stdout).not.toContain('Sup3r-Secret-Pw');
    const managed = await runInfra(['up', '--dry-run'], project().dir, { clients: fake.clients() });
    expect(managed.stdout).toContain('the admin password is generated and kept by AWS Secrets Manager');
  });

  it('status shows how long the cluster has run and what it has cost so far', async () => {
    const { dir } = project();
    await infraUp(contextFor(dir, fake).ctx, cluster);
    fake.state.cluster!.ClusterCreateTime = new Date(Date.now() - 3 * 3_600_000);
    const run = await runInfra(['status'], dir, { clients: fake.clients() });
    expect(run.stdout).toMatch(/cluster running 3 h 0 min \(since \d{4}-\d\d-\d\d \d\d:\d\d UTC\): ≈ \$6\.52 so far at the list price/);
  });
});

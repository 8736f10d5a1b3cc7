import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { allCalls, installFakeAws, type FakeAws } from './fake-aws.js';
import { project, runInfra, seedConfig } from './setup.js';

const withSecrets = seedConfig
  .replace('KEY=\nSECRET=', 'KEY=AKIAEXAMPLEKEY123456\nSECRET=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')
  .replace('DWH_DB_PASSWORD        =', 'DWH_DB_PASSWORD        = Sup3r-Secret-Pw');

describe('infra --dry-run', () => {
  let fake: FakeAws;
  beforeEach(() => {
    fake = installFakeAws();
  });

  it('up prints every call with its parameters and sends none', async () => {
    const { dir, file } = project();
    const run = await runInfra(['up', '--dry-run', '--public'], dir, { clients: fake.clients() });
    expect(run.code).toBe(0);
    expect(allCalls()).toHaveLength(0);
    const calls = [...run.stdout.matchAll(/^\s*\d+\. (\S+(?: Serverless)? \w+)/gm)].map((match) => match[1]);
    expect(calls).toEqual([
      'STS GetCallerIdentity',
      'Redshift DescribeClusters',
      'Redshift DescribeOrderableClusterOptions',
      'IAM GetRole',
      'IAM CreateRole',
      'IAM PutRolePolicy',
      'Redshift DescribeClusters',
      'Redshift CreateCluster',
      'Redshift DescribeClusters',
      'EC2 AuthorizeSecurityGroupIngress',
    ]);
    expect(run.stdout).toContain('dry run — no AWS call was made. `sparkify infra up` would call (assuming nothing exists yet)');
    expect(run.stdout).toContain('"Service": "redshift.amazonaws.com"');
    expect(run.stdout).toContain('"Encrypted": true');
    expect(run.stdout).toContain('"ManageMasterPassword": true');
    expect(run.stdout).toContain('"CidrIp": "<this machine\'s public IP>/32"');
    expect(run.stdout).toMatch(/repeated every 10s–30s until cluster sparkify-cluster is available/);
    expect(run.stdout).toMatch(/then writes \[CLUSTER\] HOST=.*, \[IAM_ROLE\] ARN=arn:aws:iam::<account-id>:role\/sparkify-redshift-s3-read/);
    expect(readFileSync(file, 'utf8')).toBe(seedConfig);
  });

  it('never prints the password or the [AWS] keys', async () => {
    const { dir } = project(withSecrets);
    const run = await runInfra(['up', '--dry-run', '--serverless'], dir, { clients: fake.clients() });
    expect(run.code).toBe(0);
    expect(allCalls()).toHaveLength(0);
    const output = run.stdout + run.stderr;
    expect(output).toContain('Redshift Serverless CreateNamespace');
    expect(output).toContain('"adminUserPassword": "***"');
    expect(output).not.toContain('Sup3r-Secret-Pw');
    expect(output).not.toContain('wJalrXUtnFEMI');
    expect(output).not.toContain('AKIAEXAMPLEKEY123456');
  });

  it('down prints the teardown, assuming everything exists, and sends none', async () => {
    const { dir } = project();
    const run = await runInfra(['down', '--dry-run', '--snapshot'], dir, { clients: fake.clients() });
    expect(run.code).toBe(0);
    expect(allCalls()).toHaveLength(0);
    const mutations = [...run.stdout.matchAll(/^\s*\d+\. \S+(?: Serverless)? ((?:Delete|Revoke)\w+)/gm)].map((match) => match[1]);
    expect(mutations).toEqual(['DeleteCluster', 'DeleteWorkgroup', 'DeleteNamespace', 'RevokeSecurityGroupIngress', 'DeleteRolePolicy', 'DeleteRole']);
    expect(run.stdout).toContain('"SkipFinalClusterSnapshot": false');
  });

  it('--json gives the plan as data', async () => {
    const { dir } = project();
    const run = await runInfra(['up', '--dry-run', '--json'], dir, { clients: fake.clients() });
    const parsed = JSON.parse(run.stdout) as { dryRun: boolean; calls: string[] };
    expect(parsed.dryRun).toBe(true);
    expect(parsed.calls.some((line) => line.includes('Redshift CreateCluster'))).toBe(true);
  });
});

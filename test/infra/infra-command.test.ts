import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { commandHelp } from '../../src/cli/help.js';
import infraCommand from '../../src/cli/infra-command.js';
import { clusterEndpoint, installFakeAws, type FakeAws } from './fake-aws.js';
import { project, runInfra } from './setup.js';

describe('sparkify infra (command line)', () => {
  let fake: FakeAws;
  beforeEach(() => {
    fake = installFakeAws();
  });

  it('up prints a summary with endpoint, role, access, password secret and cost, progress on stderr', async () => {
    const { dir, file } = project();
    const run = await runInfra(['up'], dir, { clients: fake.clients() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ready: Redshift cluster sparkify-cluster (available)');
    expect(run.stdout).toContain(`endpoint  ${clusterEndpoint}:5439`);
    expect(run.stdout).toContain('IAM role  arn:aws:iam::123456789012:role/sparkify-redshift-s3-read (created)');
    expect(run.stdout).toContain('access    private');
    expect(run.stdout).toContain('password  kept by AWS Secrets Manager');
    expect(run.stdout).toContain('`sparkify infra down` deletes it all.');
    expect(run.stderr).toMatch(/cluster sparkify-cluster: creating \(\d+s\)/);
    expect(readFileSync(file, 'utf8')).toContain(`HOST=${clusterEndpoint}`);
  });

  it('up then down round trip, with --json', async () => {
    const { dir } = project();
    const up = JSON.parse((await runInfra(['up', '--serverless', '--base-capacity', '32', '--json'], dir, { clients: fake.clients() })).stdout);
    expect(up).toMatchObject({
      kind: 'serverless',
      state: 'AVAILABLE',
      created: ['IAM role sparkify-redshift-s3-read', 'Redshift Serverless namespace sparkify-cluster', 'Redshift Serverless workgroup sparkify-cluster'],
    });
    // A Secrets Manager ARN names the secret without holding it: printed whole, not redacted.
    expect(up.passwordSecretArn).toBe('arn:aws:secretsmanager:us-west-2:123456789012:secret:ns');
    const down = await runInfra(['down'], dir, { clients: fake.clients() });
    expect(down.stdout).toContain('deleted Redshift Serverless workgroup sparkify-cluster');
    expect(down.stdout).toContain('deleted IAM role sparkify-redshift-s3-read');
  });

  it('usage errors exit 2 and say what to do', async () => {
    const { dir } = project();
    const cases: [string[], RegExp][] = [
      [[], /infra needs up, status or down — see `sparkify infra --help`/],
      [['launch'], /infra needs up, status or down, got "launch"/],
      [['up', '--snapshot'], /--snapshot does not apply to `infra up`/],
      [['status', '--dry-run'], /--dry-run does not apply to `infra status`/],
      [['up', '--base-capacity', '16'], /--base-capacity applies with --serverless/],
      [['up', '--serverless', '--base-capacity', 'lots'], /--base-capacity must be a whole number of RPU from 4 to 1024/],
    ];
    for (const [argv, message] of cases) {
      const run = await runInfra(argv, dir, { clients: fake.clients() });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(fake.order).toEqual([]);
  });

  it('SPARKIFY_PUBLIC_IP overrides the discovered address and must be one IPv4 address', async () => {
    const { dir } = project();
    const bad = await runInfra(['up', '--public'], dir, { clients: fake.clients(), publicIp: undefined }, { SPARKIFY_PUBLIC_IP: '0.0.0.0/0' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('SPARKIFY_PUBLIC_IP must be one IPv4 address');
    const good = await runInfra(['up', '--public'], dir, { clients: fake.clients(), publicIp: undefined }, { SPARKIFY_PUBLIC_IP: '198.51.100.20' });
    expect(good.stdout).toContain('open to 198.51.100.20/32 only');
  });

  it('help lists the subcommands and options', () => {
    const help = commandHelp(infraCommand);
    expect(help).toContain('Usage: sparkify infra up|status|down [options]');
    for (const flag of ['--serverless', '--dry-run', '--public', '--base-capacity RPU', '--keep-role', '--snapshot', '--config FILE', '--region REGION', '--json'])
      expect(help).toContain(flag);
  });
});

import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { SparkifyError } from '../errors.js';
import type { AwsClients } from '../infra/aws-clients.js';
import { createInfraContext } from '../infra/infra-context.js';
import { infraDown, type DownResult } from '../infra/infra-down.js';
import { infraSettings } from '../infra/infra-settings.js';
import { formatStatus, infraStatus } from '../infra/infra-status.js';
import { infraUp, type UpResult } from '../infra/infra-up.js';
import { discoverPublicIp, isIpv4 } from '../infra/public-ip.js';
import type { RetryOptions } from '../infra/aws-retry.js';
import type { WaitOptions } from '../infra/wait.js';
import { redactKeepingArns } from '../infra/safe-text.js';
import { cliConfig } from './cli-config.js';
import { defineCommand, type Command } from './command.js';

/** What tests replace: the AWS clients, the waits, this machine's address, the terminal asked before creating. */
export interface InfraCommandDeps {
  clients?: AwsClients;
  wait?: Partial<WaitOptions>;
  retry?: RetryOptions;
  publicIp?: () => Promise<string>;
  stdin?: Readable & { isTTY?: boolean };
}

const subcommandOptions: Record<string, string[]> = {
  up: ['serverless', 'dry-run', 'public', 'base-capacity', 'node-type', 'yes'],
  status: [],
  down: ['keep-role', 'dry-run', 'snapshot'],
};
const shared = ['config', 'region', 'json', 'help'];

function usage(message: string): never {
  throw new SparkifyError('USAGE', `${message} — see \`sparkify infra --help\``);
}

function baseCapacity(raw: string | boolean | undefined): number {
  if (raw === undefined) return 8;
  const value = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || value < 4 || value > 1024)
    usage(`--base-capacity must be a whole number of RPU from 4 to 1024 (default 8), got "${String(raw)}"`);
  return value;
}

/**
 * At a terminal, creating something billable waits for a "y"; piped or scripted input
 * (CI, the live test) goes ahead, as does --yes. The cost line is printed first either way.
 */
function confirmer(stdin: Readable & { isTTY?: boolean }, stderr: Writable, yes: boolean): (question: string) => Promise<boolean> {
  return async (question) => {
    if (yes || !stdin.isTTY) return true;
    const rl = createInterface({ input: stdin, output: stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(`${question} [y/N] (--yes skips this question) `)).trim());
    } finally {
      rl.close();
    }
  };
}

/** SPARKIFY_PUBLIC_IP (behind a NAT or proxy) or else what checkip.amazonaws.com sees. */
function publicIpFrom(env: NodeJS.ProcessEnv): () => Promise<string> {
  const fixed = env.SPARKIFY_PUBLIC_IP?.trim();
  if (!fixed) return () => discoverPublicIp();
  return async () => {
    if (!isIpv4(fixed)) throw new SparkifyError('CONFIG', `SPARKIFY_PUBLIC_IP must be one IPv4 address, got "${fixed}"`);
    return fixed;
  };
}

function upSummary(r: UpResult): string {
  const lines = [
    `ready: ${r.kind === 'cluster' ? 'Redshift cluster' : 'Redshift Serverless workgroup'} ${r.name} (${r.state})`,
    `  endpoint  ${r.endpoint.address}:${r.endpoint.port}`,
    `  IAM role  ${r.role.arn} (${r.role.created ? 'created' : 'reused'})`,
    r.ingress
      ? `  access    tcp ${r.endpoint.port} open to ${r.ingress.cidr} only (${r.ingress.groupId})`
      : '  access    private: reachable from inside its VPC or through the Redshift Data API (use --public for a pg-wire connection from here)',
  ];
  if (r.passwordSecretArn) lines.push(`  password  kept by AWS Secrets Manager: ${r.passwordSecretArn}`);
  lines.push(`  dwh.cfg   ${r.written.join(', ')}`, `  ${r.costHint}`, '  `sparkify infra down` deletes it all.');
  return `${lines.join('\n')}\n`;
}

function downSummary(r: DownResult, settings: { clusterIdentifier: string; roleName: string; region: string }): string {
  if (r.nothingFound) {
    return `nothing to delete: no cluster or serverless workgroup "${settings.clusterIdentifier}", no ingress rule and no IAM role "${settings.roleName}" in ${settings.region}\n`;
  }
  const lines = [...r.deleted.map((item) => `deleted ${item}`), ...r.kept.map((item) => `kept    ${item}`)];
  if (r.cleared.length) lines.push(`dwh.cfg cleared ${r.cleared.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** `sparkify infra up | status | down`, with its dependencies replaceable for tests. */
export function createInfraCommand(deps: InfraCommandDeps = {}): Command {
  return defineCommand({
    name: 'infra',
    description: 'Create, inspect or delete the AWS side: IAM role (S3 read, least privilege), Redshift cluster or serverless workgroup, network access.',
    usage: 'up|status|down [options]',
    positionals: 'own',
    options: {
      serverless: { type: 'boolean', description: 'up: Redshift Serverless namespace + workgroup instead of a cluster' },
      'node-type': { type: 'string', description: 'up: node type of a new cluster (default [DWH] DWH_NODE_TYPE, else ra3.large)', placeholder: 'TYPE' },
      yes: { type: 'boolean', description: 'up: create without asking (asked only at a terminal, after the hourly cost)' },
      'base-capacity': { type: 'string', description: 'up --serverless: base capacity in RPU (default 8)', placeholder: 'RPU' },
      public: { type: 'boolean', description: "up: publicly accessible, port open to this machine's address (/32) only" },
      'dry-run': { type: 'boolean', description: 'up/down: print every AWS call with its parameters; make none' },
      'keep-role': { type: 'boolean', description: 'down: keep the IAM role for the next up' },
      snapshot: { type: 'boolean', description: 'down: take a final snapshot first (default: none)' },
      config: { type: 'string', description: 'path of dwh.cfg', placeholder: 'FILE' },
      region: { type: 'string', description: 'AWS region (default [AWS] REGION in dwh.cfg, else us-west-2)', placeholder: 'REGION' },
      json: { type: 'boolean', description: 'print the result as JSON' },
    },
    async run(args, io) {
      const [sub, ...extra] = args.positionals;
      if (sub === undefined || !(sub in subcommandOptions)) usage(`infra needs up, status or down${sub ? `, got "${sub}"` : ''}`);
      if (extra.length) usage(`unexpected argument "${extra[0]}"`);
      const allowed = [...subcommandOptions[sub]!, ...shared];
      const stray = Object.keys(args.options).find((name) => args.options[name] !== undefined && !allowed.includes(name));
      if (stray) usage(`--${stray} does not apply to \`infra ${sub}\``);
      if (args.options['base-capacity'] !== undefined && args.options.serverless !== true) usage('--base-capacity applies with --serverless');
      if (args.options['node-type'] !== undefined && args.options.serverless === true) usage('--node-type applies to a cluster, not --serverless (which has no nodes)');

      const json = args.options.json === true;
      const out = (text: string) => io.stdout.write(redactKeepingArns(text));
      const settings = infraSettings(cliConfig(args, io), io.cwd);
      const plan: string[] = [];
      const dryRun = args.options['dry-run'] === true;
      const ctx = createInfraContext({
        settings,
        log: (line) => io.stderr.write(`${redactKeepingArns(line)}\n`),
        ...(dryRun ? { dryRun: { world: sub === 'up' ? 'empty' : 'existing', plan } } : {}),
        ...(deps.clients ? { clients: deps.clients } : {}),
        ...(deps.wait ? { wait: deps.wait } : {}),
        ...(deps.retry ? { retry: deps.retry } : {}),
        publicIp: deps.publicIp ?? publicIpFrom(io.env),
        confirm: confirmer(deps.stdin ?? process.stdin, io.stderr, args.options.yes === true),
      });

      let result: unknown;
      if (sub === 'status') {
        const report = await infraStatus(ctx);
        result = report;
        if (!json) out(formatStatus(report));
      } else if (sub === 'up') {
        const up = await infraUp(ctx, {
          serverless: args.options.serverless === true,
          publiclyAccessible: args.options.public === true,
          baseCapacity: baseCapacity(args.options['base-capacity']),
        });
        result = up;
        if (!json && !dryRun) out(upSummary(up));
      } else {
        const down = await infraDown(ctx, { keepRole: args.options['keep-role'] === true, snapshot: args.options.snapshot === true });
        result = down;
        if (!json && !dryRun) out(downSummary(down, settings));
      }
      if (dryRun) {
        const assumption = sub === 'up' ? 'assuming nothing exists yet' : 'assuming the cluster, the serverless workgroup and namespace, the ingress rule and the role all exist';
        if (json) out(`${JSON.stringify({ dryRun: true, calls: plan }, null, 2)}\n`);
        else out(`dry run — no AWS call was made. \`sparkify infra ${sub}\` would call (${assumption}):\n${plan.join('\n')}\n`);
      } else if (json) {
        out(`${JSON.stringify(result, null, 2)}\n`);
      }
      return 0;
    },
  });
}

export default createInfraCommand();

import { SparkifyError } from '../errors.js';
import { toAwsError } from './aws-errors.js';
import { ensureCluster, findCluster } from './cluster.js';
import { clusterCostHint, serverlessCostHint } from './cost.js';
import { ensureRole, type RoleInfo } from './iam-role.js';
import type { InfraContext } from './infra-context.js';
import { openPort } from './network-access.js';
import { checkOrderable, replacementFor } from './node-types.js';
import { ensureServerless, findWorkgroup } from './serverless.js';
import { previewWriteBack, upValues, writeBack } from '../config/write-back.js';

export interface UpOptions {
  serverless: boolean;
  /** Reachable over pg-wire from this machine (its /32 only). */
  publiclyAccessible: boolean;
  /** Serverless base capacity in RPU. */
  baseCapacity: number;
}

export interface UpResult {
  account: string | undefined;
  kind: 'cluster' | 'serverless';
  name: string;
  state: string;
  endpoint: { address: string; port: number };
  role: RoleInfo;
  ingress: { groupId: string; cidr: string; created: boolean } | undefined;
  /** Secrets Manager secret holding the admin password, when Redshift manages it. */
  passwordSecretArn: string | undefined;
  /** What this run created (reused things are not listed). */
  created: string[];
  configFile: string;
  /** `[CLUSTER] HOST=…` lines written (or, in a dry run, that would be). */
  written: string[];
  costHint: string;
}

interface Warehouse {
  kind: UpResult['kind'];
  state: string;
  address: string;
  port: number;
  securityGroups: string[];
  passwordSecretArn: string | undefined;
}

/** `sparkify infra up`: IAM role, warehouse, network access, then HOST and ARN into dwh.cfg. */
export async function infraUp(ctx: InfraContext, options: UpOptions): Promise<UpResult> {
  const created: string[] = [];
  try {
    return await up(ctx, options, created);
  } catch (error) {
    const mapped = toAwsError(error, ctx.settings.region);
    if (created.length === 0) throw mapped;
    throw new SparkifyError(
      mapped.code,
      `${mapped.message}\n  created before the failure: ${created.join(', ')} — remove with \`sparkify infra down\`, or fix the cause and rerun \`sparkify infra up\` to reuse them`,
      { cause: mapped.cause ?? error, transient: mapped.transient },
    );
  }
}

async function up(ctx: InfraContext, options: UpOptions, created: string[]): Promise<UpResult> {
  const { settings } = ctx;
  const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  // Fails fast on missing or wrong credentials, before anything is created.
  const identity = await (await ctx.clients.sts()).send(new GetCallerIdentityCommand({}));
  ctx.log(`AWS account ${identity.Account ?? '?'} (${identity.Arn ?? '?'}), region ${settings.region}`);

  ctx = await preflight(ctx, options);
  const role = await ensureRole(ctx, created);

  const warehouse = options.serverless ? await serverless(ctx, role.arn, options, created) : await cluster(ctx, role.arn, options, created);

  let ingress: UpResult['ingress'];
  if (options.publiclyAccessible) {
    const groupId = warehouse.securityGroups[0];
    if (!groupId) throw new SparkifyError('AWS', `${settings.clusterIdentifier} has no VPC security group to open port ${warehouse.port} in`);
    const opened = await openPort(ctx, groupId, warehouse.port, await ctx.publicIp());
    ingress = { groupId, ...opened };
    if (opened.created) created.push(`ingress rule tcp ${warehouse.port} from ${opened.cidr} in ${groupId}`);
  }

  const values = (text: string) => upValues(text, { host: warehouse.address, port: warehouse.port, roleArn: role.arn, db: settings.db, dbUser: settings.dbUser });
  let written: string[];
  if (ctx.dryRun) {
    written = previewWriteBack(settings.configFile, values);
    ctx.note(`then writes ${written.join(', ')} into ${settings.configFile} (comments and other keys kept)`);
  } else {
    written = writeBack(settings.configFile, values);
    ctx.log(`wrote ${written.join(', ')} to ${settings.configFile}`);
  }

  return {
    account: identity.Account,
    kind: warehouse.kind,
    name: settings.clusterIdentifier,
    state: warehouse.state,
    endpoint: { address: warehouse.address, port: warehouse.port },
    role,
    ingress,
    passwordSecretArn: warehouse.passwordSecretArn,
    created,
    configFile: settings.configFile,
    written,
    costHint: costHint(ctx, options),
  };
}

const costHint = (ctx: InfraContext, options: UpOptions) =>
  options.serverless ? serverlessCostHint(options.baseCapacity, ctx.settings.region) : clusterCostHint(ctx.settings.nodeType, ctx.settings.numNodes, ctx.settings.region);

/**
 * Before anything is created: can the node type be ordered (a dry run, which asks nothing,
 * swaps a retired type for its replacement and says so), what it will cost per hour, which
 * admin password applies, and — at a terminal, without --yes — the user's go-ahead.
 * Returns the context to create with (a dry run's carries the replacement node type).
 */
async function preflight(ctx: InfraContext, options: UpOptions): Promise<InfraContext> {
  const { settings } = ctx;
  const exists = options.serverless ? (await findWorkgroup(ctx)) !== undefined : (await findCluster(ctx)) !== undefined;
  if (exists) return ctx;
  const say = (line: string) => (ctx.dryRun ? ctx.note(line) : ctx.log(line));
  if (!options.serverless) {
    const replacement = replacementFor(settings.nodeType);
    if (ctx.dryRun && replacement) {
      ctx.note(
        `warning: ${settings.nodeType} is a retired node type — AWS no longer creates ${settings.nodeType} clusters, so a real \`infra up\` would stop here. This plan uses ${replacement} instead: set [DWH] DWH_NODE_TYPE=${replacement} in dwh.cfg or pass --node-type ${replacement} (or --serverless)`,
      );
      ctx = { ...ctx, settings: { ...settings, nodeType: replacement } };
    }
    await checkOrderable(ctx);
  }
  const what = options.serverless
    ? `Redshift Serverless workgroup ${settings.clusterIdentifier} (base ${options.baseCapacity} RPU)`
    : `Redshift cluster ${settings.clusterIdentifier} (${ctx.settings.numNodes} × ${ctx.settings.nodeType})`;
  say(`about to create ${what} — ${costHint(ctx, options)}`);
  const passwordKey = options.serverless ? 'adminUserPassword' : 'MasterUserPassword';
  say(
    settings.dbPassword
      ? `the admin password comes from dwh.cfg [DWH] DWH_DB_PASSWORD (${passwordKey}), which replaces the one AWS Secrets Manager would generate and keep — leave DWH_DB_PASSWORD empty to have Secrets Manager keep it`
      : 'the admin password is generated and kept by AWS Secrets Manager (its ARN is printed when ready); none is stored in dwh.cfg',
  );
  if (!(await ctx.confirm(`create ${what}?`))) {
    throw new SparkifyError('USAGE', `nothing was created — rerun \`sparkify infra up --yes\` to create ${what}`);
  }
  return ctx;
}

async function cluster(ctx: InfraContext, roleArn: string, options: UpOptions, created: string[]): Promise<Warehouse> {
  const found = await ensureCluster(ctx, roleArn, options.publiclyAccessible, created);
  return {
    kind: 'cluster',
    state: found.ClusterStatus ?? 'unknown',
    address: found.Endpoint?.Address ?? '',
    port: found.Endpoint?.Port ?? ctx.settings.port,
    securityGroups: (found.VpcSecurityGroups ?? []).flatMap((group) => (group.VpcSecurityGroupId ? [group.VpcSecurityGroupId] : [])),
    passwordSecretArn: found.MasterPasswordSecretArn,
  };
}

async function serverless(ctx: InfraContext, roleArn: string, options: UpOptions, created: string[]): Promise<Warehouse> {
  const { namespace, workgroup } = await ensureServerless(ctx, { roleArn, baseCapacity: options.baseCapacity, publiclyAccessible: options.publiclyAccessible }, created);
  return {
    kind: 'serverless',
    state: workgroup.status ?? 'unknown',
    address: workgroup.endpoint?.address ?? '',
    port: workgroup.endpoint?.port ?? ctx.settings.port,
    securityGroups: workgroup.securityGroupIds ?? [],
    passwordSecretArn: namespace.adminPasswordSecretArn,
  };
}

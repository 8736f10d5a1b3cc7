import { SparkifyError } from '../errors.js';
import { toAwsError, unlessDenied } from './aws-errors.js';
import { deleteCluster } from './cluster.js';
import { deleteRole, findRole } from './iam-role.js';
import type { InfraContext } from './infra-context.js';
import { closePorts, findIngressRules } from './network-access.js';
import { deleteServerless, findNamespace, findWorkgroup } from './serverless.js';
import { downValues, writeBack } from '../config/write-back.js';

export interface DownOptions {
  /** Leave the IAM role (and its policy) for the next `up`. */
  keepRole: boolean;
  /** Take a final snapshot before deleting (kept, and billed, until you delete it). */
  snapshot: boolean;
}

export interface DownResult {
  deleted: string[];
  kept: string[];
  /** True when nothing of this warehouse existed. */
  nothingFound: boolean;
  /** `[CLUSTER] HOST=` lines cleared in dwh.cfg. */
  cleared: string[];
}

/** `sparkify infra down`: cluster or workgroup (waits until gone) → ingress rule → role policy → role. */
export async function infraDown(ctx: InfraContext, options: DownOptions): Promise<DownResult> {
  const deleted: string[] = [];
  try {
    return await down(ctx, options, deleted);
  } catch (error) {
    const mapped = toAwsError(error, ctx.settings.region);
    if (deleted.length === 0) throw mapped;
    throw new SparkifyError(mapped.code, `${mapped.message}\n  already deleted: ${deleted.join(', ')} — fix the cause and rerun \`sparkify infra down\` to finish`, {
      cause: mapped.cause ?? error,
      transient: mapped.transient,
    });
  }
}

async function down(ctx: InfraContext, options: DownOptions, deleted: string[]): Promise<DownResult> {
  const { settings } = ctx;
  const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const identity = await (await ctx.clients.sts()).send(new GetCallerIdentityCommand({}));
  ctx.log(`AWS account ${identity.Account ?? '?'}, region ${settings.region}`);
  const hosts: string[] = [];
  const kept: string[] = [];

  const cluster = await deleteCluster(ctx, options.snapshot);
  if (cluster) {
    deleted.push(`Redshift cluster ${settings.clusterIdentifier}`);
    if (cluster.Endpoint?.Address) hosts.push(cluster.Endpoint.Address);
  }
  const warn = (line: string) => ctx.log(line);
  const serverlessSeen = await unlessDenied('Redshift Serverless', async () => Boolean((await findWorkgroup(ctx)) ?? (await findNamespace(ctx))), false, warn);
  if (serverlessSeen) {
    const serverless = await deleteServerless(ctx, options.snapshot);
    deleted.push(...serverless.deleted);
    if (serverless.host) hosts.push(serverless.host);
  }

  const rules = await unlessDenied('security group rules', () => findIngressRules(ctx), [], warn);
  if (rules.length > 0) {
    await closePorts(ctx, rules);
    deleted.push(...rules.map((rule) => `ingress rule tcp ${rule.port} from ${rule.cidr} in ${rule.groupId}`));
  }

  const role = await findRole(ctx);
  if (role && options.keepRole) {
    kept.push(`IAM role ${settings.roleName} (--keep-role)`);
    ctx.log(`keeping IAM role ${settings.roleName}`);
  } else if (role && (await deleteRole(ctx))) {
    deleted.push(`IAM role ${settings.roleName}`);
  }

  const values = (text: string) => downValues(text, { hosts, roleArn: options.keepRole ? undefined : role?.arn });
  let cleared: string[] = [];
  if (ctx.dryRun) {
    ctx.note(`then clears [CLUSTER] HOST and [IAM_ROLE] ARN in ${settings.configFile} where they name what was deleted`);
  } else if (deleted.length > 0) {
    cleared = writeBack(settings.configFile, values);
    if (cleared.length) ctx.log(`cleared ${cleared.join(', ')} in ${settings.configFile}`);
  }
  return { deleted, kept, nothingFound: deleted.length === 0 && kept.length === 0, cleared };
}

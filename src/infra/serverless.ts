import type { Namespace, Workgroup } from '@aws-sdk/client-redshift-serverless';
import { SparkifyError } from '../errors.js';
import { isAwsError } from './aws-errors.js';
import type { InfraContext } from './infra-context.js';
import { pollUntil } from './wait.js';

// Namespace and workgroup both take DWH_CLUSTER_IDENTIFIER as their name.
const missing = (error: unknown) => isAwsError(error, 'ResourceNotFoundException');
const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

export async function findNamespace(ctx: InfraContext): Promise<Namespace | undefined> {
  const { GetNamespaceCommand } = await import('@aws-sdk/client-redshift-serverless');
  const client = await ctx.clients.serverless();
  try {
    return (await client.send(new GetNamespaceCommand({ namespaceName: ctx.settings.clusterIdentifier }))).namespace;
  } catch (error) {
    if (missing(error)) return undefined;
    throw error;
  }
}

export async function findWorkgroup(ctx: InfraContext): Promise<Workgroup | undefined> {
  const { GetWorkgroupCommand } = await import('@aws-sdk/client-redshift-serverless');
  const client = await ctx.clients.serverless();
  try {
    return (await client.send(new GetWorkgroupCommand({ workgroupName: ctx.settings.clusterIdentifier }))).workgroup;
  } catch (error) {
    if (missing(error)) return undefined;
    throw error;
  }
}

function waitFor<T extends { status?: string }>(ctx: InfraContext, what: string, find: () => Promise<T | undefined>, goal: 'AVAILABLE' | 'deleted'): Promise<T | undefined> {
  return pollUntil<T | undefined>(
    {
      what,
      goal: goal === 'AVAILABLE' ? 'available' : 'deleted',
      timeoutHint: `AWS keeps working on it: rerun \`sparkify infra ${goal === 'AVAILABLE' ? 'up' : 'down'}\` to wait again`,
      check: async () => {
        const found = await find();
        const state = found?.status ?? 'deleted';
        if (goal === 'AVAILABLE' && !found) throw new SparkifyError('AWS', `${what} disappeared while waiting for it`);
        return { state, done: goal === 'AVAILABLE' ? state === 'AVAILABLE' : !found, failed: goal === 'AVAILABLE' && state === 'DELETING', value: found };
      },
    },
    ctx,
  );
}

export interface ServerlessOptions {
  roleArn: string;
  baseCapacity: number;
  publiclyAccessible: boolean;
}

/** Creates (or reuses) the namespace and workgroup and returns both once AVAILABLE. */
export async function ensureServerless(ctx: InfraContext, options: ServerlessOptions, created: string[]): Promise<{ namespace: Namespace; workgroup: Workgroup }> {
  const { CreateNamespaceCommand, CreateWorkgroupCommand } = await import('@aws-sdk/client-redshift-serverless');
  const client = await ctx.clients.serverless();
  const s = ctx.settings;
  const name = s.clusterIdentifier;
  const reuse = (what: string, status: string | undefined) => ctx.log(`Redshift Serverless ${what} ${name} exists (${status}) — reusing it`);
  const conflict = (error: unknown) => isAwsError(error, 'ConflictException');

  const namespace = await findNamespace(ctx);
  if (namespace) reuse('namespace', namespace.status);
  else {
    try {
      await client.send(
        new CreateNamespaceCommand({
          namespaceName: name,
          dbName: s.db,
          adminUsername: s.dbUser,
          ...(s.dbPassword ? { adminUserPassword: s.dbPassword } : { manageAdminPassword: true }),
          iamRoles: [options.roleArn],
          defaultIamRoleArn: options.roleArn,
          tags: tagList(s.tags),
        }),
      );
      created.push(`Redshift Serverless namespace ${name}`);
      ctx.log(`creating Redshift Serverless namespace ${name}`);
    } catch (error) {
      if (!conflict(error)) throw error;
    }
  }
  const readyNamespace = await waitFor(ctx, `namespace ${name}`, () => findNamespace(ctx), 'AVAILABLE');

  const workgroup = await findWorkgroup(ctx);
  if (workgroup) reuse('workgroup', workgroup.status);
  else {
    try {
      await client.send(
        new CreateWorkgroupCommand({
          workgroupName: name,
          namespaceName: name,
          baseCapacity: options.baseCapacity,
          publiclyAccessible: options.publiclyAccessible,
          port: s.port,
          tags: tagList(s.tags),
        }),
      );
      created.push(`Redshift Serverless workgroup ${name}`);
      ctx.log(`creating Redshift Serverless workgroup ${name} (base capacity ${options.baseCapacity} RPU, ${options.publiclyAccessible ? 'publicly accessible' : 'private'})`);
    } catch (error) {
      if (!conflict(error)) throw error;
    }
  }
  const readyWorkgroup = await waitFor(ctx, `workgroup ${name}`, () => findWorkgroup(ctx), 'AVAILABLE');
  // waitFor(…, 'AVAILABLE') only returns a found resource; the check keeps the types honest.
  if (!readyNamespace || !readyWorkgroup) throw new SparkifyError('AWS', `Redshift Serverless ${name} is not available`);
  return { namespace: readyNamespace, workgroup: readyWorkgroup };
}

/** Deletes the workgroup, waits, then the namespace (final snapshot only when asked); returns what was deleted. */
export async function deleteServerless(ctx: InfraContext, snapshot: boolean, now = new Date()): Promise<{ deleted: string[]; host: string | undefined }> {
  const { DeleteNamespaceCommand, DeleteWorkgroupCommand } = await import('@aws-sdk/client-redshift-serverless');
  const client = await ctx.clients.serverless();
  const name = ctx.settings.clusterIdentifier;
  const deleted: string[] = [];
  const workgroup = await findWorkgroup(ctx);
  if (workgroup) {
    if (workgroup.status !== 'DELETING') await client.send(new DeleteWorkgroupCommand({ workgroupName: name })).catch(ignoreMissing);
    ctx.log(`deleting Redshift Serverless workgroup ${name}`);
    await waitFor(ctx, `workgroup ${name}`, () => findWorkgroup(ctx), 'deleted');
    deleted.push(`Redshift Serverless workgroup ${name}`);
  }
  const namespace = await findNamespace(ctx);
  if (namespace) {
    const snapshotName = `${name}-final-${now.toISOString().replace(/\D/g, '').slice(0, 14)}`;
    if (namespace.status !== 'DELETING') {
      await client.send(new DeleteNamespaceCommand({ namespaceName: name, ...(snapshot ? { finalSnapshotName: snapshotName } : {}) })).catch(ignoreMissing);
    }
    ctx.log(`deleting Redshift Serverless namespace ${name}${snapshot ? ` (final snapshot ${snapshotName})` : ' (no final snapshot)'}`);
    await waitFor(ctx, `namespace ${name}`, () => findNamespace(ctx), 'deleted');
    deleted.push(`Redshift Serverless namespace ${name}`);
  }
  return { deleted, host: workgroup?.endpoint?.address };
}

function ignoreMissing(error: unknown): void {
  if (!missing(error)) throw error;
}

import type { Cluster, CreateClusterCommandInput } from '@aws-sdk/client-redshift';
import { SparkifyError } from '../errors.js';
import { isAwsError } from './aws-errors.js';
import type { InfraContext } from './infra-context.js';
import type { InfraSettings } from './infra-settings.js';
import { pollUntil } from './wait.js';

/** States from which a cluster will not become available by waiting. */
const broken = new Set([
  'deleting',
  'final-snapshot',
  'hardware-failure',
  'incompatible-hsm',
  'incompatible-network',
  'incompatible-parameters',
  'incompatible-restore',
  'storage-full',
  'paused',
]);

/** CreateCluster parameters: encrypted, private unless asked, password kept by Secrets Manager unless given. */
export function createClusterInput(settings: InfraSettings, roleArn: string, publiclyAccessible: boolean): CreateClusterCommandInput {
  return {
    ClusterIdentifier: settings.clusterIdentifier,
    ClusterType: settings.clusterType,
    NodeType: settings.nodeType,
    ...(settings.clusterType === 'multi-node' ? { NumberOfNodes: settings.numNodes } : {}),
    DBName: settings.db,
    MasterUsername: settings.dbUser,
    ...(settings.dbPassword ? { MasterUserPassword: settings.dbPassword } : { ManageMasterPassword: true }),
    Port: settings.port,
    IamRoles: [roleArn],
    DefaultIamRoleArn: roleArn,
    Encrypted: true,
    PubliclyAccessible: publiclyAccessible,
    Tags: Object.entries(settings.tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

export async function findCluster(ctx: InfraContext): Promise<Cluster | undefined> {
  const { DescribeClustersCommand } = await import('@aws-sdk/client-redshift');
  const redshift = await ctx.clients.redshift();
  try {
    const { Clusters = [] } = await redshift.send(new DescribeClustersCommand({ ClusterIdentifier: ctx.settings.clusterIdentifier }));
    return Clusters[0];
  } catch (error) {
    if (isAwsError(error, 'ClusterNotFoundFault', 'ClusterNotFound')) return undefined;
    throw error;
  }
}

/** Creates the cluster, or reuses the one of that name; returns once it is available. */
export async function ensureCluster(ctx: InfraContext, roleArn: string, publiclyAccessible: boolean, created: string[]): Promise<Cluster> {
  const { CreateClusterCommand } = await import('@aws-sdk/client-redshift');
  const redshift = await ctx.clients.redshift();
  const id = ctx.settings.clusterIdentifier;
  let cluster = await findCluster(ctx);
  if (!cluster) {
    try {
      cluster = (await redshift.send(new CreateClusterCommand(createClusterInput(ctx.settings, roleArn, publiclyAccessible)))).Cluster;
      created.push(`Redshift cluster ${id}`);
      ctx.log(`creating Redshift cluster ${id} (${ctx.settings.numNodes} × ${ctx.settings.nodeType}, encrypted, ${publiclyAccessible ? 'publicly accessible' : 'private'})`);
    } catch (error) {
      if (!isAwsError(error, 'ClusterAlreadyExistsFault', 'ClusterAlreadyExists')) throw error;
      cluster = await findCluster(ctx);
    }
  } else {
    ctx.log(`Redshift cluster ${id} exists (${cluster.ClusterStatus}) — reusing it`);
    if (publiclyAccessible && !cluster.PubliclyAccessible) {
      ctx.log(`  note: it is not publicly accessible; --public only applies when creating (aws redshift modify-cluster --cluster-identifier ${id} --publicly-accessible)`);
    }
  }
  if (cluster?.ClusterStatus === 'deleting') {
    throw new SparkifyError('AWS', `Redshift cluster ${id} is being deleted — wait until \`sparkify infra status\` no longer shows it, then rerun \`sparkify infra up\``);
  }
  if (cluster?.ClusterStatus === 'paused') {
    throw new SparkifyError('AWS', `Redshift cluster ${id} is paused — resume it (aws redshift resume-cluster --cluster-identifier ${id}) and rerun \`sparkify infra up\``);
  }
  return waitForCluster(ctx);
}

function waitForCluster(ctx: InfraContext): Promise<Cluster> {
  const id = ctx.settings.clusterIdentifier;
  return pollUntil<Cluster>(
    {
      what: `cluster ${id}`,
      goal: 'available',
      timeoutHint: 'it keeps provisioning (and billing) on AWS: rerun `sparkify infra up` to wait again, or `sparkify infra down` to delete it',
      check: async () => {
        const cluster = await findCluster(ctx);
        if (!cluster) throw new SparkifyError('AWS', `Redshift cluster ${id} disappeared while waiting for it — see the Redshift console events`);
        const state = cluster.ClusterStatus ?? 'unknown';
        return { state, done: state === 'available' && Boolean(cluster.Endpoint?.Address), failed: broken.has(state), value: cluster };
      },
    },
    ctx,
  );
}

/** Deletes the cluster (final snapshot only when asked), waits until it is gone, and returns what it was. */
export async function deleteCluster(ctx: InfraContext, snapshot: boolean, now = new Date()): Promise<Cluster | undefined> {
  const { DeleteClusterCommand } = await import('@aws-sdk/client-redshift');
  const redshift = await ctx.clients.redshift();
  const id = ctx.settings.clusterIdentifier;
  const cluster = await findCluster(ctx);
  if (!cluster) return undefined;
  if (cluster.ClusterStatus !== 'deleting') {
    const snapshotId = `${id}-final-${now.toISOString().replace(/\D/g, '').slice(0, 14)}`;
    try {
      await redshift.send(
        new DeleteClusterCommand(
          snapshot
            ? { ClusterIdentifier: id, SkipFinalClusterSnapshot: false, FinalClusterSnapshotIdentifier: snapshotId }
            : { ClusterIdentifier: id, SkipFinalClusterSnapshot: true },
        ),
      );
    } catch (error) {
      if (isAwsError(error, 'ClusterNotFoundFault', 'ClusterNotFound')) return undefined;
      if (isAwsError(error, 'InvalidClusterStateFault', 'InvalidClusterState')) {
        throw new SparkifyError(
          'AWS',
          `Redshift cluster ${id} is busy (${cluster.ClusterStatus}) and cannot be deleted yet — wait until \`sparkify infra status\` shows it available, then rerun \`sparkify infra down\``,
          { cause: error },
        );
      }
      throw error;
    }
    ctx.log(`deleting Redshift cluster ${id}${snapshot ? ` (final snapshot ${snapshotId})` : ' (no final snapshot)'}`);
  }
  await pollUntil(
    {
      what: `cluster ${id}`,
      goal: 'deleted',
      timeoutHint: 'AWS keeps deleting it: rerun `sparkify infra down` to wait again and finish the teardown',
      check: async () => {
        const current = await findCluster(ctx);
        return { state: current?.ClusterStatus ?? 'deleted', done: !current, value: undefined };
      },
    },
    ctx,
  );
  return cluster;
}

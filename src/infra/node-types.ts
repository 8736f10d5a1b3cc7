import type { OrderableClusterOption } from '@aws-sdk/client-redshift';
import { SparkifyError } from '../errors.js';
import { unlessDenied } from './aws-errors.js';
import type { InfraContext } from './infra-context.js';

/** What `infra up` creates when dwh.cfg names no node type: a type AWS sells for new clusters. */
export const defaultNodeType = 'ra3.large';

/**
 * Node types AWS no longer sells for new clusters, each with the RA3 type that replaces it.
 * DC2 reached its announced end in 2025 (creating a dc2 cluster fails; Apache Airflow dropped
 * dc2.large from its system tests for that reason); DS2, DC1 and DS1 went before it.
 */
export const retiredNodeTypes: Readonly<Record<string, string>> = {
  'dc2.large': 'ra3.large',
  'dc2.8xlarge': 'ra3.4xlarge',
  'ds2.xlarge': 'ra3.xlplus',
  'ds2.8xlarge': 'ra3.4xlarge',
  'dc1.large': 'ra3.large',
  'dc1.8xlarge': 'ra3.4xlarge',
  'ds1.xlarge': 'ra3.xlplus',
  'ds1.8xlarge': 'ra3.4xlarge',
};

/** The type to use instead of a retired `nodeType`; undefined when it is not known to be retired. */
export function replacementFor(nodeType: string): string | undefined {
  return retiredNodeTypes[nodeType.trim().toLowerCase()];
}

/** The ways out, named the same in every message: a replacement type, where to set it, or serverless. */
export function replacementHint(nodeType: string): string {
  const suggested = replacementFor(nodeType) ?? defaultNodeType;
  const others = ['ra3.large', 'ra3.xlplus'].filter((t) => t !== suggested);
  return `use ${suggested}${others.length ? ` (or ${others.join(', ')})` : ''}: \`sparkify infra up --node-type ${suggested}\`, or set [DWH] DWH_NODE_TYPE=${suggested} in dwh.cfg — or \`sparkify infra up --serverless\` (no nodes at all)`;
}

/**
 * Asks AWS whether `nodeType` can be ordered in the region as a single- or multi-node cluster,
 * so `infra up` stops before creating anything when it cannot (the SDK and the API's own
 * validation accept retired types; only CreateCluster would fail, after the role exists).
 */
export async function checkOrderable(ctx: InfraContext): Promise<void> {
  const { DescribeOrderableClusterOptionsCommand } = await import('@aws-sdk/client-redshift');
  const redshift = await ctx.clients.redshift();
  const { nodeType, clusterType, region } = ctx.settings;
  const lookup = async () => {
    const found: OrderableClusterOption[] = [];
    let marker: string | undefined;
    do {
      const page = await redshift.send(new DescribeOrderableClusterOptionsCommand({ NodeType: nodeType, MaxRecords: 100, Marker: marker }));
      found.push(...(page.OrderableClusterOptions ?? []));
      marker = page.Marker || undefined;
    } while (marker);
    return found;
  };
  // Without permission to ask, the list of retired types is all there is to go on.
  const options = await unlessDenied(`whether ${nodeType} can be ordered (redshift:DescribeOrderableClusterOptions)`, lookup, undefined, ctx.log);
  if (options === undefined) {
    if (replacementFor(nodeType))
      throw new SparkifyError('CONFIG', `node type ${nodeType} is retired: AWS no longer creates ${nodeType} clusters; nothing was created — ${replacementHint(nodeType)}`);
    return;
  }
  const retired = replacementFor(nodeType) ? ` (AWS has retired ${nodeType.split('.')[0]} nodes for new clusters)` : '';
  if (options.length === 0) {
    throw new SparkifyError('CONFIG', `node type ${nodeType} cannot be ordered in ${region}${retired}; nothing was created — ${replacementHint(nodeType)}`);
  }
  if (!options.some((o) => (o.ClusterType ?? clusterType) === clusterType)) {
    const types = [...new Set(options.map((o) => o.ClusterType))].join(', ');
    throw new SparkifyError(
      'CONFIG',
      `node type ${nodeType} is offered in ${region} only as ${types}, not ${clusterType}; nothing was created — set [DWH] DWH_CLUSTER_TYPE (and DWH_NUM_NODES), or ${replacementHint(nodeType)}`,
    );
  }
}

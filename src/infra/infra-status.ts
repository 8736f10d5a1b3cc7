import { toAwsError, unlessDenied } from './aws-errors.js';
import { findCluster } from './cluster.js';
import { clusterCostHint, clusterCostSoFar, serverlessCostHint } from './cost.js';
import { findRole } from './iam-role.js';
import type { InfraContext } from './infra-context.js';
import { findIngressRules, type IngressRule } from './network-access.js';
import { findNamespace, findWorkgroup } from './serverless.js';

export interface StatusReport {
  region: string;
  cluster: { name: string; state: string; nodeType: string; nodes: number; endpoint: string | undefined; publiclyAccessible: boolean; encrypted: boolean } | undefined;
  namespace: { name: string; state: string } | undefined;
  workgroup: { name: string; state: string; baseCapacity: number; endpoint: string | undefined; publiclyAccessible: boolean } | undefined;
  role: { name: string; arn: string } | undefined;
  ingress: IngressRule[];
  costHints: string[];
  /** Lookups that were not allowed. */
  warnings: string[];
  configFile: string;
  /** `[CLUSTER] HOST` in dwh.cfg, to compare with the live endpoint. */
  configHost: string | undefined;
}

/** `sparkify infra status`: what exists (read-only), its state, endpoint, role and a cost hint. */
export async function infraStatus(ctx: InfraContext, now = new Date()): Promise<StatusReport> {
  const { settings } = ctx;
  try {
    const warnings: string[] = [];
    const warn = (line: string) => warnings.push(line);
    const [cluster, namespace, workgroup, role, ingress] = await Promise.all([
      findCluster(ctx),
      unlessDenied('the Redshift Serverless namespace', () => findNamespace(ctx), undefined, warn),
      unlessDenied('the Redshift Serverless workgroup', () => findWorkgroup(ctx), undefined, warn),
      findRole(ctx),
      unlessDenied('security group rules', () => findIngressRules(ctx), [], warn),
    ]);
    const endpoint = (address: string | undefined, port: number | undefined) => (address ? `${address}:${port ?? settings.port}` : undefined);
    const report: StatusReport = {
      region: settings.region,
      cluster: cluster && {
        name: settings.clusterIdentifier,
        state: cluster.ClusterStatus ?? 'unknown',
        nodeType: cluster.NodeType ?? settings.nodeType,
        nodes: cluster.NumberOfNodes ?? settings.numNodes,
        endpoint: endpoint(cluster.Endpoint?.Address, cluster.Endpoint?.Port),
        publiclyAccessible: cluster.PubliclyAccessible ?? false,
        encrypted: cluster.Encrypted ?? false,
      },
      namespace: namespace && { name: settings.clusterIdentifier, state: namespace.status ?? 'unknown' },
      workgroup: workgroup && {
        name: settings.clusterIdentifier,
        state: workgroup.status ?? 'unknown',
        baseCapacity: workgroup.baseCapacity ?? 0,
        endpoint: endpoint(workgroup.endpoint?.address, workgroup.endpoint?.port),
        publiclyAccessible: workgroup.publiclyAccessible ?? false,
      },
      role: role && { name: settings.roleName, arn: role.arn },
      ingress,
      costHints: [],
      warnings,
      configFile: settings.configFile,
      configHost: settings.configuredHost,
    };
    if (report.cluster) {
      report.costHints.push(clusterCostHint(report.cluster.nodeType, report.cluster.nodes, settings.region));
      const created = cluster?.ClusterCreateTime;
      const soFar = created && clusterCostSoFar(report.cluster.nodeType, report.cluster.nodes, new Date(created), now);
      if (soFar) report.costHints.push(`cluster ${soFar}`);
    }
    if (report.workgroup) {
      report.costHints.push(serverlessCostHint(report.workgroup.baseCapacity, settings.region));
      // Serverless bills RPU-seconds of use, which only Billing / Cost Explorer can sum.
      report.costHints.push('serverless: the cost so far is the RPU-hours used — see AWS Billing / Cost Explorer (service "Redshift"), or SYS_SERVERLESS_USAGE in the database');
    }
    return report;
  } catch (error) {
    throw toAwsError(error, settings.region);
  }
}

/** The report as the lines `sparkify infra status` prints. */
export function formatStatus(report: StatusReport): string {
  const lines = [`region ${report.region}`];
  const c = report.cluster;
  lines.push(
    c
      ? `cluster    ${c.name}: ${c.state}, ${c.nodes} × ${c.nodeType}, ${c.encrypted ? 'encrypted' : 'NOT encrypted'}, ${c.publiclyAccessible ? 'publicly accessible' : 'private'}${c.endpoint ? `, endpoint ${c.endpoint}` : ''}`
      : 'cluster    none',
  );
  const w = report.workgroup;
  lines.push(
    w
      ? `serverless workgroup ${w.name}: ${w.state}, base ${w.baseCapacity} RPU, ${w.publiclyAccessible ? 'publicly accessible' : 'private'}${w.endpoint ? `, endpoint ${w.endpoint}` : ''}; namespace ${report.namespace?.state ?? 'none'}`
      : report.namespace
        ? `serverless namespace ${report.namespace.name}: ${report.namespace.state} (no workgroup)`
        : 'serverless none',
  );
  lines.push(report.role ? `IAM role   ${report.role.name}: ${report.role.arn}` : 'IAM role   none');
  for (const rule of report.ingress) lines.push(`ingress    tcp ${rule.port} from ${rule.cidr} in ${rule.groupId}`);
  const live = [c?.endpoint, w?.endpoint].flatMap((e) => (e ? [e.replace(/:\d+$/, '')] : []));
  if (report.configHost && live.length && !live.includes(report.configHost)) {
    lines.push(`dwh.cfg    [CLUSTER] HOST=${report.configHost} is not the live endpoint — rerun \`sparkify infra up\` to update it`);
  }
  lines.push(...report.costHints, ...report.warnings);
  if (!c && !w && !report.namespace && !report.role && report.ingress.length === 0) lines.push('nothing exists — `sparkify infra up` creates it');
  return `${lines.join('\n')}\n`;
}

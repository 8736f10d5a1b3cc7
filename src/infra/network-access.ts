import { SparkifyError } from '../errors.js';
import { isAwsError } from './aws-errors.js';
import type { InfraContext } from './infra-context.js';

/** An inbound rule `sparkify infra up --public` added to the warehouse's security group. */
export interface IngressRule {
  ruleId: string;
  groupId: string;
  cidr: string;
  port: number;
}

/** Refuses anything wider than one address: a warehouse port is never opened to the world. */
export function singleAddressCidr(ip: string): string {
  const cidr = ip.includes('/') ? ip : `${ip}/32`;
  if (!cidr.endsWith('/32') || cidr.startsWith('0.0.0.0')) {
    throw new SparkifyError('AWS', `refusing to open the warehouse port to ${cidr}: only one address (/32) is allowed`);
  }
  return cidr;
}

/** Opens `port` to one address in the security group; an identical existing rule is reused. */
export async function openPort(ctx: InfraContext, groupId: string, port: number, ip: string): Promise<{ cidr: string; created: boolean }> {
  const { AuthorizeSecurityGroupIngressCommand } = await import('@aws-sdk/client-ec2');
  const ec2 = await ctx.clients.ec2();
  const cidr = singleAddressCidr(ip);
  try {
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr, Description: 'sparkify: pg-wire from this machine' }] }],
        TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: Object.entries(ctx.settings.tags).map(([Key, Value]) => ({ Key, Value })) }],
      }),
    );
    ctx.log(`opened tcp ${port} in ${groupId} to ${cidr} only`);
    return { cidr, created: true };
  } catch (error) {
    if (!isAwsError(error, 'InvalidPermission.Duplicate')) throw error;
    ctx.log(`tcp ${port} in ${groupId} is already open to ${cidr} — reusing the rule`);
    return { cidr, created: false };
  }
}

/** The ingress rules tagged with this warehouse's name, in any security group. */
export async function findIngressRules(ctx: InfraContext): Promise<IngressRule[]> {
  const { DescribeSecurityGroupRulesCommand } = await import('@aws-sdk/client-ec2');
  const ec2 = await ctx.clients.ec2();
  const { SecurityGroupRules = [] } = await ec2.send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'tag:sparkify-cluster', Values: [ctx.settings.clusterIdentifier] }] }),
  );
  return SecurityGroupRules.filter((rule) => !rule.IsEgress && rule.SecurityGroupRuleId && rule.GroupId).map((rule) => ({
    ruleId: rule.SecurityGroupRuleId!,
    groupId: rule.GroupId!,
    cidr: rule.CidrIpv4 ?? rule.CidrIpv6 ?? '',
    port: rule.FromPort ?? 0,
  }));
}

/** Revokes the given rules, one call per security group. */
export async function closePorts(ctx: InfraContext, rules: IngressRule[]): Promise<void> {
  const { RevokeSecurityGroupIngressCommand } = await import('@aws-sdk/client-ec2');
  const ec2 = await ctx.clients.ec2();
  const byGroup = new Map<string, IngressRule[]>();
  for (const rule of rules) byGroup.set(rule.groupId, [...(byGroup.get(rule.groupId) ?? []), rule]);
  for (const [groupId, group] of byGroup) {
    try {
      await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: group.map((rule) => rule.ruleId) }));
      ctx.log(`closed ${group.map((rule) => `tcp ${rule.port} from ${rule.cidr}`).join(', ')} in ${groupId}`);
    } catch (error) {
      if (!isAwsError(error, 'InvalidGroup.NotFound', 'InvalidSecurityGroupRuleId.NotFound', 'InvalidPermission.NotFound')) throw error;
    }
  }
}

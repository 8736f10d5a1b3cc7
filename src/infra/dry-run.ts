import { redactKeepingArns } from './safe-text.js';
import { commandName, serviceLabels, type AwsClients, type Sender, type ServiceName } from './aws-clients.js';
import type { InfraSettings } from './infra-settings.js';

/** What a dry run assumes exists before it starts: nothing (for `up`) or everything (for `down`). */
export type DryRunWorld = 'empty' | 'existing';

type Input = Record<string, unknown>;

const notFound = (name: string): Error => Object.assign(new Error(`(dry run) ${name}`), { name });

/**
 * A tiny stand-in for AWS so a dry run follows the real code path without any request:
 * resources "created" during the plan exist for the calls after them.
 */
class PlanWorld {
  role: string | undefined;
  cluster: Input | undefined;
  namespace: Input | undefined;
  workgroup: Input | undefined;
  rules: Input[] = [];

  constructor(
    world: DryRunWorld,
    private readonly settings: InfraSettings,
  ) {
    if (world === 'empty') return;
    this.role = this.roleArn(settings.roleName);
    this.cluster = this.clusterFrom({ ClusterIdentifier: settings.clusterIdentifier, Port: settings.port });
    this.namespace = { namespaceName: settings.clusterIdentifier, status: 'AVAILABLE' };
    this.workgroup = this.workgroupFrom({ workgroupName: settings.clusterIdentifier, port: settings.port });
    this.rules = [{ SecurityGroupRuleId: '<rule-id>', GroupId: '<security-group-id>', FromPort: settings.port, CidrIpv4: '<your-ip>/32' }];
  }

  private roleArn = (name: unknown) => `arn:aws:iam::<account-id>:role/${String(name)}`;
  private clusterFrom = (input: Input) => ({
    ...input,
    ClusterStatus: 'available',
    Endpoint: { Address: `${String(input.ClusterIdentifier)}.<id>.${this.settings.region}.redshift.amazonaws.com`, Port: input.Port },
    VpcSecurityGroups: [{ VpcSecurityGroupId: '<security-group-id>' }],
  });
  private workgroupFrom = (input: Input) => ({
    ...input,
    status: 'AVAILABLE',
    endpoint: { address: `${String(input.workgroupName)}.<account-id>.${this.settings.region}.redshift-serverless.amazonaws.com`, port: input.port },
    securityGroupIds: ['<security-group-id>'],
  });

  handle(name: string, input: Input): unknown {
    switch (name) {
      case 'GetCallerIdentity':
        return { Account: '<account-id>', Arn: '<your identity>' };
      case 'GetRole':
        if (!this.role) throw notFound('NoSuchEntityException');
        return { Role: { RoleName: input.RoleName, Arn: this.role } };
      case 'CreateRole':
        this.role = this.roleArn(input.RoleName);
        return { Role: { RoleName: input.RoleName, Arn: this.role } };
      case 'DeleteRole':
        this.role = undefined;
        return {};
      case 'DescribeClusters':
        if (!this.cluster) throw notFound('ClusterNotFoundFault');
        return { Clusters: [this.cluster] };
      // A dry run plans only orderable types: infra-up swaps a retired one for its replacement first.
      case 'DescribeOrderableClusterOptions':
        return { OrderableClusterOptions: ['single-node', 'multi-node'].map((ClusterType) => ({ NodeType: input.NodeType, ClusterType })) };
      case 'CreateCluster':
        this.cluster = this.clusterFrom(input);
        return { Cluster: this.cluster };
      case 'DeleteCluster':
        this.cluster = undefined;
        return {};
      case 'GetNamespace':
        if (!this.namespace) throw notFound('ResourceNotFoundException');
        return { namespace: this.namespace };
      case 'CreateNamespace':
        this.namespace = { ...input, status: 'AVAILABLE' };
        return { namespace: this.namespace };
      case 'DeleteNamespace':
        this.namespace = undefined;
        return {};
      case 'GetWorkgroup':
        if (!this.workgroup) throw notFound('ResourceNotFoundException');
        return { workgroup: this.workgroup };
      case 'CreateWorkgroup':
        this.workgroup = this.workgroupFrom(input);
        return { workgroup: this.workgroup };
      case 'DeleteWorkgroup':
        this.workgroup = undefined;
        return {};
      case 'AuthorizeSecurityGroupIngress':
        return { Return: true, SecurityGroupRules: [{ SecurityGroupRuleId: '<rule-id>' }] };
      case 'DescribeSecurityGroupRules':
        return { SecurityGroupRules: this.rules };
      case 'RevokeSecurityGroupIngress':
        this.rules = [];
        return { Return: true };
      default:
        return {};
    }
  }
}

/** Policy documents travel as JSON strings; show them as JSON, and hide every secret. */
function readable(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (/password|secret/i.test(key) && !/arn$/i.test(key)) return '***';
    if (/^\s*\{/.test(value)) {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => readable(item));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readable(v, k)]));
  return value;
}

/** One planned call as printed: `IAM CreateRole { …parameters… }`, secrets redacted. */
export function formatCall(service: ServiceName, name: string, input: unknown): string {
  const body = JSON.stringify(readable(input ?? {}), null, 2).replace(/\n/g, '\n   ');
  return redactKeepingArns(`${serviceLabels[service]} ${name} ${body}`);
}

/** Senders that append each call to `plan` and answer from the PlanWorld; nothing leaves the machine. */
export function createDryRunClients(world: DryRunWorld, settings: InfraSettings, plan: string[]): AwsClients {
  const state = new PlanWorld(world, settings);
  let count = 0;
  const sender =
    <K extends ServiceName>(service: K) =>
    async (): Promise<Sender<K>> => {
      const send = async (command: { input?: unknown }) => {
        const name = commandName(command);
        plan.push(`${String(++count).padStart(2)}. ${formatCall(service, name, command.input)}`);
        return state.handle(name, (command.input ?? {}) as Input);
      };
      return { send } as unknown as Sender<K>;
    };
  return { iam: sender('iam'), ec2: sender('ec2'), redshift: sender('redshift'), serverless: sender('serverless'), sts: sender('sts') };
}

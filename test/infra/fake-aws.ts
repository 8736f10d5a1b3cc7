// A small stateful stand-in for IAM, EC2, Redshift, Redshift Serverless and STS, built on
// aws-sdk-client-mock: resources created by one call exist for the next, clusters pass
// through "creating"/"deleting" for a few polls, and every mutating call is logged in order.
import { AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupRulesCommand, EC2Client, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, GetRoleCommand, IAMClient, NoSuchEntityException, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  ClusterNotFoundFault,
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  DescribeOrderableClusterOptionsCommand,
  RedshiftClient,
  type Cluster,
} from '@aws-sdk/client-redshift';
import {
  CreateNamespaceCommand,
  CreateWorkgroupCommand,
  DeleteNamespaceCommand,
  DeleteWorkgroupCommand,
  GetNamespaceCommand,
  GetWorkgroupCommand,
  RedshiftServerlessClient,
  ResourceNotFoundException,
  type Namespace,
  type Workgroup,
} from '@aws-sdk/client-redshift-serverless';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients, type AwsClients } from '../../src/infra/aws-clients.js';

export const account = '123456789012';
export const clusterEndpoint = 'sparkify-cluster.abc123.us-west-2.redshift.amazonaws.com';
export const workgroupEndpoint = 'sparkify-cluster.123456789012.us-west-2.redshift-serverless.amazonaws.com';
export const securityGroup = 'sg-0123456789abcdef0';

export const mocks = {
  iam: mockClient(IAMClient),
  ec2: mockClient(EC2Client),
  redshift: mockClient(RedshiftClient),
  serverless: mockClient(RedshiftServerlessClient),
  sts: mockClient(STSClient),
};
const all = Object.values(mocks);

/** What DescribeOrderableClusterOptions offers in 2026: RA3 only (DC2 and DS2 are retired), the large ones as multi-node only. */
export const orderableNodeTypes: Record<string, ('single-node' | 'multi-node')[]> = {
  'ra3.large': ['single-node', 'multi-node'],
  'ra3.xlplus': ['single-node', 'multi-node'],
  'ra3.4xlarge': ['multi-node'],
  'ra3.16xlarge': ['multi-node'],
};

/** How many polls a resource spends in a transitional state. */
export interface FakeOptions {
  pollsUntilReady?: number;
  /** Node types the account can order in the region (default: orderableNodeTypes). */
  orderable?: Record<string, ('single-node' | 'multi-node')[]>;
}

export interface FakeAws {
  /** Mutating calls in the order they happened: `DeleteCluster`, `DeleteRole`, … */
  order: string[];
  state: { role?: string; policy?: string; cluster?: Cluster; namespace?: Namespace; workgroup?: Workgroup; rules: { id: string; groupId: string; cidr: string; port: number }[] };
  clients: () => AwsClients;
}

const meta = { $metadata: {} };
export const awsError = (name: string, message = name) => Object.assign(new Error(message), { name, $metadata: {} });

/** Resets every mock and programs them as one consistent, empty AWS account. */
export function installFakeAws(options: FakeOptions = {}): FakeAws {
  for (const mock of all) mock.reset();
  const transitional = options.pollsUntilReady ?? 2;
  const fake: FakeAws = {
    order: [],
    state: { rules: [] },
    clients: () =>
      createAwsClients({
        region: 'us-west-2',
        injected: { iam: new IAMClient({}), ec2: new EC2Client({}), redshift: new RedshiftClient({}), serverless: new RedshiftServerlessClient({}), sts: new STSClient({}) },
        retry: { attempts: 3, baseDelayMs: 1, sleep: async () => {} },
      }),
  };
  const { state, order } = fake;
  let clusterPolls = 0;
  let namespacePolls = 0;
  let workgroupPolls = 0;

  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: account, Arn: `arn:aws:iam::${account}:user/dev` });

  mocks.iam.on(GetRoleCommand).callsFake((input: { RoleName: string }) => {
    if (!state.role) throw new NoSuchEntityException({ message: `The role with name ${input.RoleName} cannot be found.`, ...meta });
    return { Role: { RoleName: input.RoleName, Arn: state.role, AssumeRolePolicyDocument: encodeURIComponent('{"Principal":{"Service":"redshift.amazonaws.com"}}') } };
  });
  mocks.iam.on(CreateRoleCommand).callsFake((input: { RoleName: string }) => {
    order.push('CreateRole');
    state.role = `arn:aws:iam::${account}:role/${input.RoleName}`;
    return { Role: { RoleName: input.RoleName, Arn: state.role } };
  });
  mocks.iam.on(PutRolePolicyCommand).callsFake((input: { PolicyDocument: string }) => {
    order.push('PutRolePolicy');
    state.policy = input.PolicyDocument;
    return {};
  });
  mocks.iam.on(DeleteRolePolicyCommand).callsFake(() => {
    order.push('DeleteRolePolicy');
    if (!state.policy) throw new NoSuchEntityException({ message: 'no policy', ...meta });
    state.policy = undefined;
    return {};
  });
  mocks.iam.on(DeleteRoleCommand).callsFake(() => {
    order.push('DeleteRole');
    if (!state.role) throw new NoSuchEntityException({ message: 'no role', ...meta });
    state.role = undefined;
    return {};
  });

  const orderable = options.orderable ?? orderableNodeTypes;
  mocks.redshift.on(DescribeOrderableClusterOptionsCommand).callsFake((input: { NodeType?: string }) => ({
    OrderableClusterOptions: (orderable[input.NodeType ?? ''] ?? []).map((ClusterType) => ({
      NodeType: input.NodeType,
      ClusterType,
      ClusterVersion: '1.0',
      AvailabilityZones: [{ Name: 'us-west-2a' }, { Name: 'us-west-2b' }],
    })),
  }));
  mocks.redshift.on(DescribeClustersCommand).callsFake(() => {
    const cluster = state.cluster;
    if (!cluster) throw new ClusterNotFoundFault({ message: 'Cluster sparkify-cluster not found.', ...meta });
    clusterPolls++;
    if (cluster.ClusterStatus === 'creating' && clusterPolls > transitional) {
      Object.assign(cluster, { ClusterStatus: 'available', Endpoint: { Address: clusterEndpoint, Port: cluster.Endpoint?.Port ?? 5439 } });
    }
    if (cluster.ClusterStatus === 'deleting' && clusterPolls > transitional) state.cluster = undefined;
    return { Clusters: [cluster] };
  });
  mocks.redshift.on(CreateClusterCommand).callsFake((input: Record<string, unknown>) => {
    order.push('CreateCluster');
    clusterPolls = 0;
    state.cluster = {
      ClusterIdentifier: input.ClusterIdentifier as string,
      ClusterStatus: 'creating',
      ClusterCreateTime: new Date(),
      NodeType: input.NodeType as string,
      NumberOfNodes: (input.NumberOfNodes as number | undefined) ?? 1,
      PubliclyAccessible: input.PubliclyAccessible as boolean,
      Encrypted: input.Encrypted as boolean,
      Endpoint: { Port: input.Port as number },
      VpcSecurityGroups: [{ VpcSecurityGroupId: securityGroup, Status: 'active' }],
      ...(input.ManageMasterPassword ? { MasterPasswordSecretArn: `arn:aws:secretsmanager:us-west-2:${account}:secret:redshift!sparkify-cluster-awsuser` } : {}),
    };
    return { Cluster: { ...state.cluster } };
  });
  mocks.redshift.on(DeleteClusterCommand).callsFake(() => {
    order.push('DeleteCluster');
    clusterPolls = 0;
    if (!state.cluster) throw new ClusterNotFoundFault({ message: 'not found', ...meta });
    state.cluster.ClusterStatus = 'deleting';
    return { Cluster: state.cluster };
  });

  mocks.serverless.on(GetNamespaceCommand).callsFake(() => {
    if (!state.namespace) throw new ResourceNotFoundException({ message: 'namespace not found', ...meta });
    namespacePolls++;
    if (state.namespace.status === 'DELETING' && namespacePolls > transitional) state.namespace = undefined;
    return { namespace: state.namespace };
  });
  mocks.serverless.on(CreateNamespaceCommand).callsFake((input: Record<string, unknown>) => {
    order.push('CreateNamespace');
    state.namespace = { namespaceName: input.namespaceName as string, status: 'AVAILABLE', adminPasswordSecretArn: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:ns' };
    return { namespace: state.namespace };
  });
  mocks.serverless.on(DeleteNamespaceCommand).callsFake(() => {
    order.push('DeleteNamespace');
    namespacePolls = 0;
    if (state.workgroup) throw awsError('ConflictException', 'workgroup still exists');
    if (state.namespace) state.namespace.status = 'DELETING';
    return {};
  });
  mocks.serverless.on(GetWorkgroupCommand).callsFake(() => {
    const wg = state.workgroup;
    if (!wg) throw new ResourceNotFoundException({ message: 'workgroup not found', ...meta });
    workgroupPolls++;
    if (wg.status === 'CREATING' && workgroupPolls > transitional) Object.assign(wg, { status: 'AVAILABLE', endpoint: { address: workgroupEndpoint, port: wg.port } });
    if (wg.status === 'DELETING' && workgroupPolls > transitional) state.workgroup = undefined;
    return { workgroup: wg };
  });
  mocks.serverless.on(CreateWorkgroupCommand).callsFake((input: Record<string, unknown>) => {
    order.push('CreateWorkgroup');
    workgroupPolls = 0;
    state.workgroup = {
      workgroupName: input.workgroupName as string,
      baseCapacity: input.baseCapacity as number,
      publiclyAccessible: input.publiclyAccessible as boolean,
      port: input.port as number,
      status: 'CREATING',
      securityGroupIds: [securityGroup],
    };
    return { workgroup: state.workgroup };
  });
  mocks.serverless.on(DeleteWorkgroupCommand).callsFake(() => {
    order.push('DeleteWorkgroup');
    workgroupPolls = 0;
    if (state.workgroup) state.workgroup.status = 'DELETING';
    return {};
  });

  mocks.ec2.on(AuthorizeSecurityGroupIngressCommand).callsFake((input: { GroupId: string; IpPermissions: { FromPort: number; IpRanges: { CidrIp: string }[] }[] }) => {
    order.push('AuthorizeSecurityGroupIngress');
    const permission = input.IpPermissions[0]!;
    const cidr = permission.IpRanges[0]!.CidrIp;
    if (state.rules.some((rule) => rule.cidr === cidr && rule.port === permission.FromPort)) throw awsError('InvalidPermission.Duplicate', 'the specified rule already exists');
    const id = `sgr-${state.rules.length + 1}`;
    state.rules.push({ id, groupId: input.GroupId, cidr, port: permission.FromPort });
    return { Return: true, SecurityGroupRules: [{ SecurityGroupRuleId: id }] };
  });
  mocks.ec2.on(DescribeSecurityGroupRulesCommand).callsFake(() => ({
    SecurityGroupRules: state.rules.map((rule) => ({
      SecurityGroupRuleId: rule.id,
      GroupId: rule.groupId,
      IsEgress: false,
      FromPort: rule.port,
      ToPort: rule.port,
      CidrIpv4: rule.cidr,
    })),
  }));
  mocks.ec2.on(RevokeSecurityGroupIngressCommand).callsFake((input: { SecurityGroupRuleIds: string[] }) => {
    order.push('RevokeSecurityGroupIngress');
    state.rules = state.rules.filter((rule) => !input.SecurityGroupRuleIds.includes(rule.id));
    return { Return: true };
  });
  return fake;
}

/** Every call any mock received, for "was anything sent?" checks. */
export function allCalls(): { args: unknown[] }[] {
  return all.flatMap((mock) => mock.calls() as unknown as { args: unknown[] }[]);
}

/** The input of every call any mock received, as one JSON string. */
export function everythingSent(): string {
  return JSON.stringify(allCalls().map((call) => (call.args[0] as { input: unknown }).input));
}

// The AWS side of sparkify: `infra up | status | down` as a library.
export { createAwsClients, type AwsClients, type AwsClientOptions, type SdkClients, type ServiceName } from './aws-clients.js';
export { awsErrorName, isAwsError, isTransientAwsError, toAwsError } from './aws-errors.js';
export { createClusterInput } from './cluster.js';
export { clusterCostHint, serverlessCostHint } from './cost.js';
export { createDryRunClients, formatCall, type DryRunWorld } from './dry-run.js';
export { redshiftTrustPolicy } from './iam-role.js';
export { createInfraContext, type InfraContext, type InfraContextOptions } from './infra-context.js';
export { infraDown, type DownOptions, type DownResult } from './infra-down.js';
export { infraSettings, type InfraSettings } from './infra-settings.js';
export { formatStatus, infraStatus, type StatusReport } from './infra-status.js';
export { infraUp, type UpOptions, type UpResult } from './infra-up.js';
export { singleAddressCidr, type IngressRule } from './network-access.js';
export { discoverPublicIp } from './public-ip.js';
export { withRetry, type RetryOptions } from './aws-retry.js';
export { s3ReadPolicy, type PolicyDocument } from './s3-read-policy.js';
export { redactKeepingArns } from './safe-text.js';
export { defaultWait, pollUntil, type WaitOptions } from './wait.js';
export { applyIniValues, writeBack } from '../config/write-back.js';

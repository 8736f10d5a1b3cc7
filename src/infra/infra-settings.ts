import { resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { SparkifyError } from '../errors.js';

/** Everything infra needs, taken from the seeds' dwh.cfg keys and validated before any AWS call. */
export interface InfraSettings {
  region: string;
  /** dwh.cfg to write HOST and ARN back into (created if absent). */
  configFile: string;
  /** The endpoint the config names ([CLUSTER] HOST), to compare with the live one. */
  configuredHost: string | undefined;
  clusterIdentifier: string;
  clusterType: 'single-node' | 'multi-node';
  numNodes: number;
  nodeType: string;
  db: string;
  dbUser: string;
  /** DWH_DB_PASSWORD; when absent Redshift keeps the password in Secrets Manager. */
  dbPassword: string | undefined;
  port: number;
  roleName: string;
  policyName: string;
  /** The s3:// URLs COPY reads: LOG_DATA, SONG_DATA, LOG_JSONPATH, and the prefixes of COPY manifests and compacted files. */
  s3Sources: string[];
  /** Only when dwh.cfg has [AWS] KEY and SECRET; otherwise the AWS default chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Tags put on everything infra creates, so `down` and `status` can find it. */
  tags: Record<string, string>;
}

export const defaultLogData = 's3://udacity-dend/log_data';
export const defaultSongData = 's3://udacity-dend/song_data';

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const identifierPattern = /^[a-z][a-z0-9-]{2,62}$/;

function fail(message: string): never {
  throw new SparkifyError('CONFIG', message);
}

/** Builds InfraSettings from the loaded Config, validated before any AWS call. */
export function infraSettings(config: Config, cwd: string): InfraSettings {
  const configFile = config.configFile ?? resolve(cwd, 'dwh.cfg');
  const { dwh } = config;

  if (!regionPattern.test(config.region)) {
    fail(`"${config.region}" is not an AWS region name (like us-west-2, where udacity-dend lives) — fix [AWS] REGION in dwh.cfg or pass --region`);
  }
  const clusterType = dwh.clusterType.trim().toLowerCase();
  if (clusterType !== 'single-node' && clusterType !== 'multi-node') {
    fail(`[DWH] DWH_CLUSTER_TYPE must be single-node or multi-node, got "${dwh.clusterType}"`);
  }
  if (clusterType === 'multi-node' && dwh.numNodes < 2) fail(`[DWH] DWH_NUM_NODES must be 2 or more for a multi-node cluster, got ${dwh.numNodes}`);
  const clusterIdentifier = dwh.clusterIdentifier.trim().toLowerCase();
  if (!identifierPattern.test(clusterIdentifier) || clusterIdentifier.includes('--') || clusterIdentifier.endsWith('-')) {
    fail(`[DWH] DWH_CLUSTER_IDENTIFIER "${dwh.clusterIdentifier}" must be 3-63 lowercase letters, digits and single hyphens, starting with a letter`);
  }
  if (!/^[\w+=,.@-]{1,64}$/.test(dwh.iamRoleName)) fail(`[DWH] DWH_IAM_ROLE_NAME "${dwh.iamRoleName}" is not a valid IAM role name`);

  const key = config.aws.accessKeyId?.trim() || undefined;
  const secret = config.aws.secretAccessKey?.trim() || undefined;

  const s3Sources = [
    config.s3.logData?.trim() || defaultLogData,
    config.s3.songData?.trim() || defaultSongData,
    config.logJsonPath,
    config.redshift.stagingPrefix,
    config.redshift.compactTo,
  ].filter((url): url is string => typeof url === 'string' && url.startsWith('s3://'));

  return {
    region: config.region,
    configFile,
    configuredHost: config.cluster.host?.trim() || undefined,
    clusterIdentifier,
    clusterType,
    numNodes: clusterType === 'single-node' ? 1 : dwh.numNodes,
    nodeType: dwh.nodeType,
    db: dwh.db,
    dbUser: dwh.dbUser,
    dbPassword: dwh.dbPassword,
    port: dwh.port,
    roleName: dwh.iamRoleName,
    policyName: 'sparkify-s3-read',
    s3Sources,
    credentials: key && secret ? { accessKeyId: key, secretAccessKey: secret } : undefined,
    tags: { 'created-by': 'sparkify', 'sparkify-cluster': clusterIdentifier },
  };
}

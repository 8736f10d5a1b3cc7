import type { Config, Via } from '../../config/config.js';
import { SparkifyError } from '../../errors.js';
import type { RecordKind } from '../../schema/record-fields.js';
import type { DataApiTarget } from './data-api-client.js';
import type { DataApiWhere } from './data-api-errors.js';
import type { LoadErrorView } from './load-errors.js';

export type { Via };

/** `--via`, else pg-wire when [CLUSTER] HOST (or a --database URL) names an endpoint, else the Data API: no open port needed. */
export function viaOf(config: Config): Via {
  return config.redshift.via ?? (config.cluster.host || config.database ? 'pg' : 'data-api');
}

/** The pg-wire URL: --database when it is one, else [CLUSTER] HOST/DB_PORT/DB_NAME/DB_USER + DB_PASSWORD, over verified TLS. */
export function pgWireUrl(config: Config): string {
  if (/^(postgres(ql)?|redshift):\/\//i.test(config.database)) return config.database.replace(/^redshift:/i, 'postgres:');
  const { host, port, dbName, dbUser, dbPassword } = config.cluster;
  if (!host) {
    throw new SparkifyError('CONFIG', 'no Redshift endpoint in dwh.cfg [CLUSTER] HOST — run `sparkify infra up` or set it, or use --via data-api (no open port needed)');
  }
  if (!dbPassword) {
    throw new SparkifyError(
      'CONFIG',
      `no password for Redshift user "${dbUser}" — set [CLUSTER] DB_PASSWORD or SPARKIFY_DB_PASSWORD, or use --via data-api (IAM; a Secrets Manager ARN goes in [CLUSTER] SECRET_ARN)`,
    );
  }
  const e = encodeURIComponent;
  const at = host.includes(':') ? `[${host}]` : host;
  return `postgres://${e(dbUser)}:${e(dbPassword)}@${at}:${port}/${e(dbName)}?sslmode=verify-full&connect_timeout=15`;
}

/** Who the Data API runs SQL as: a Secrets Manager secret, a serverless workgroup, or the cluster's [DWH] user. */
export function dataApiTarget(config: Config): { target: DataApiTarget; where: DataApiWhere } {
  const { workgroup, secretArn } = config.redshift;
  const database = config.cluster.dbName;
  const region = config.region;
  const place = workgroup ? `Redshift Serverless workgroup ${workgroup}` : `Redshift cluster ${config.dwh.clusterIdentifier}`;
  const at = (auth: DataApiWhere['auth']): DataApiWhere => ({ target: `${place}, database ${database}`, region, auth });
  const where = workgroup ? { workgroupName: workgroup } : { clusterIdentifier: config.dwh.clusterIdentifier };
  if (secretArn) return { target: { database, secretArn, ...where }, where: at('secret') };
  if (workgroup) return { target: { database, workgroupName: workgroup }, where: at('workgroup') };
  return { target: { database, clusterIdentifier: config.dwh.clusterIdentifier, dbUser: config.dwh.dbUser }, where: at('iam-user') };
}

/** Serverless keeps load errors only in SYS_LOAD_ERROR_DETAIL; provisioned clusters also in STL_LOAD_ERRORS (with the raw line). */
export function loadErrorViewOf(config: Config, via: Via): LoadErrorView {
  if (via === 'data-api') return config.redshift.workgroup ? 'sys' : 'stl';
  return /\.redshift-serverless\.amazonaws\.com$/i.test(config.cluster.host ?? '') ? 'sys' : 'stl';
}

/** Where COPY reads each kind from (see s3SourceLocations). */
export { s3SourceLocations as redshiftSourceLocations, locationOf } from '../../sources/source-locations.js';

/** dwh.cfg [AWS] KEY / SECRET when present (the seeds carry them); otherwise the AWS default chain. */
export function awsCredentials(config: Config): { accessKeyId: string; secretAccessKey: string } | undefined {
  const { accessKeyId, secretAccessKey } = config.aws;
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}

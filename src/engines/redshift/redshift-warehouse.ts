import type { Config } from '../../config/config.js';
import { retryTransient, type RetryPolicy } from '../../retry.js';
import type { Warehouse } from '../warehouse.js';
import { DataApiClient, type DataApiSender } from './data-api-client.js';
import { isRetryableDataApiError } from './data-api-errors.js';
import { DataApiWarehouse } from './data-api-warehouse.js';
import { openRedshiftPg } from './pg-wire-warehouse.js';
import { RedshiftStager, type StageSettings } from './redshift-stage.js';
import { awsCredentials, dataApiTarget, loadErrorViewOf, pgWireUrl, redshiftSourceLocations, viaOf, type Via } from './redshift-settings.js';
import { compactSettings, openCompactor } from './compact/compactor.js';
import { openS3Staging } from './s3-staging.js';

/** What staging needs from the config, for either connection. */
export function stageSettings(config: Config, via: Via): StageSettings {
  const { logData, songData } = redshiftSourceLocations(config);
  return {
    iamRoleArn: config.iamRoleArn,
    region: config.region,
    logJsonPath: config.logJsonPath,
    maxErrors: config.maxErrors,
    stagingPrefix: config.redshift.stagingPrefix,
    locations: { events: logData, songs: songData },
    errorView: loadErrorViewOf(config, via),
    compaction: compactSettings(config),
  };
}

/** How Data API calls are retried: more patiently than AWS calls elsewhere, since a busy account (ActiveSessionsExceeded) frees up in seconds. */
export const dataApiRetry: RetryPolicy = { attempts: 6, baseDelayMs: 1000, isTransient: isRetryableDataApiError };

/** The Data API client the config describes; the SDK loads here, on first use of a Redshift target. */
export async function dataApiClient(config: Config, sender?: DataApiSender, retry: Partial<RetryPolicy> = {}): Promise<DataApiClient> {
  const { target, where } = dataApiTarget(config);
  if (sender) return new DataApiClient(sender, target, where);
  const { RedshiftDataClient } = await import('@aws-sdk/client-redshift-data');
  const credentials = awsCredentials(config);
  const client = new RedshiftDataClient({ region: config.region, ...(credentials ? { credentials } : {}) });
  // Throttling and busy limits are retried with backoff; each submission carries a ClientToken, so a retry never runs it twice.
  const send = (command: object) => retryTransient(() => (client.send as unknown as (c: object) => Promise<unknown>).call(client, command), { ...dataApiRetry, ...retry });
  return new DataApiClient({ send } as unknown as DataApiSender, target, where);
}

/**
 * Opens Redshift: over pg-wire (`--via pg`, TLS, [CLUSTER] HOST and DB_PASSWORD) or through
 * the Data API (`--via data-api`, IAM; the default when HOST is empty). Both are the same Warehouse.
 */
export async function openRedshiftWarehouse(config: Config, deps: { sender?: DataApiSender; retry?: Partial<RetryPolicy> } = {}): Promise<Warehouse> {
  const via = viaOf(config);
  const settings = stageSettings(config, via);
  const compactTo = settings.compaction?.to;
  const stager = new RedshiftStager(settings, () => openS3Staging(config), compactTo ? () => openCompactor(config, compactTo) : undefined);
  if (via === 'pg') return openRedshiftPg(pgWireUrl(config), config.schema, stager);
  const warehouse = new DataApiWarehouse(await dataApiClient(config, deps.sender, deps.retry), config.schema, stager);
  // One round trip now, so wrong credentials or a missing cluster fail here with a clear message.
  await warehouse.query('SELECT 1 AS ok');
  return warehouse;
}

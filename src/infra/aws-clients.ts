import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { RedshiftClient } from '@aws-sdk/client-redshift';
import type { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import type { STSClient } from '@aws-sdk/client-sts';
import { rememberOperation } from './aws-errors.js';
import { defaultRetry, withRetry, type RetryOptions } from './aws-retry.js';

/** The SDK clients infra uses, by service. */
export interface SdkClients {
  iam: IAMClient;
  ec2: EC2Client;
  redshift: RedshiftClient;
  serverless: RedshiftServerlessClient;
  sts: STSClient;
}
export type ServiceName = keyof SdkClients;

/** Only `send` of a client: what infra calls, and what a dry run can stand in for. */
export type Sender<K extends ServiceName> = Pick<SdkClients[K], 'send'>;

/** Lazily created senders, one per service; the SDK module loads on first use. */
export type AwsClients = { [K in ServiceName]: () => Promise<Sender<K>> };

export const serviceLabels: Record<ServiceName, string> = {
  iam: 'IAM',
  ec2: 'EC2',
  redshift: 'Redshift',
  serverless: 'Redshift Serverless',
  sts: 'STS',
};

/** `CreateRoleCommand` → `CreateRole`. */
export function commandName(command: object): string {
  return command.constructor.name.replace(/Command$/, '');
}

export interface AwsClientOptions {
  region: string;
  /** Only when dwh.cfg has [AWS] KEY/SECRET; otherwise the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  retry?: RetryOptions;
  /** Ready clients (tests pass mocked ones). */
  injected?: Partial<SdkClients>;
}

type Factory<K extends ServiceName> = (config: { region: string; credentials?: AwsClientOptions['credentials'] }) => Promise<SdkClients[K]>;

const factories: { [K in ServiceName]: Factory<K> } = {
  iam: async (config) => new (await import('@aws-sdk/client-iam')).IAMClient(config),
  ec2: async (config) => new (await import('@aws-sdk/client-ec2')).EC2Client(config),
  redshift: async (config) => new (await import('@aws-sdk/client-redshift')).RedshiftClient(config),
  serverless: async (config) => new (await import('@aws-sdk/client-redshift-serverless')).RedshiftServerlessClient(config),
  sts: async (config) => new (await import('@aws-sdk/client-sts')).STSClient(config),
};

function wrap<K extends ServiceName>(service: K, client: SdkClients[K], retry: RetryOptions): Sender<K> {
  const raw = client.send as unknown as (command: object) => Promise<unknown>;
  const send = async (command: object): Promise<unknown> => {
    try {
      return await withRetry(() => raw.call(client, command), retry);
    } catch (error) {
      rememberOperation(error, `${serviceLabels[service]} ${commandName(command)}`);
      throw error;
    }
  };
  return { send } as unknown as Sender<K>;
}

/** Clients that retry transient errors and label failures with the call that failed. */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  const cache = new Map<ServiceName, Promise<unknown>>();
  const config = options.credentials ? { region: options.region, credentials: options.credentials } : { region: options.region };
  const getter =
    <K extends ServiceName>(service: K) =>
    (): Promise<Sender<K>> => {
      let sender = cache.get(service) as Promise<Sender<K>> | undefined;
      if (!sender) {
        const ready = options.injected?.[service] as SdkClients[K] | undefined;
        sender = (ready ? Promise.resolve(ready) : factories[service](config)).then((client) => wrap(service, client, options.retry ?? defaultRetry));
        cache.set(service, sender);
      }
      return sender;
    };
  return { iam: getter('iam'), ec2: getter('ec2'), redshift: getter('redshift'), serverless: getter('serverless'), sts: getter('sts') };
}

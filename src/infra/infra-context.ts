import { createAwsClients, type AwsClients } from './aws-clients.js';
import { createDryRunClients, type DryRunWorld } from './dry-run.js';
import type { InfraSettings } from './infra-settings.js';
import { discoverPublicIp } from './public-ip.js';
import type { RetryOptions } from './aws-retry.js';
import { defaultWait, type WaitOptions } from './wait.js';

/** What every infra step works with: settings, AWS senders, progress output, waits. */
export interface InfraContext {
  settings: InfraSettings;
  clients: AwsClients;
  dryRun: boolean;
  /** Progress lines (what was created, state, elapsed); silent in a dry run. */
  log: (line: string) => void;
  /** Extra lines for the dry-run plan (waits, file writes); ignored otherwise. */
  note: (line: string) => void;
  wait: WaitOptions;
  /** This machine's public IPv4 address, for a /32 ingress rule. */
  publicIp: () => Promise<string>;
  /** Asked once before anything billable is created; false stops `infra up` (the CLI asks at a terminal unless --yes). */
  confirm: (question: string) => Promise<boolean>;
}

export interface InfraContextOptions {
  settings: InfraSettings;
  log?: (line: string) => void;
  /** Record calls instead of making them; `world` is what the plan assumes exists. */
  dryRun?: { world: DryRunWorld; plan: string[] };
  clients?: AwsClients;
  wait?: Partial<WaitOptions>;
  retry?: RetryOptions;
  publicIp?: () => Promise<string>;
  confirm?: (question: string) => Promise<boolean>;
}

export function createInfraContext(options: InfraContextOptions): InfraContext {
  const { settings, dryRun } = options;
  if (dryRun) {
    return {
      settings,
      clients: createDryRunClients(dryRun.world, settings, dryRun.plan),
      dryRun: true,
      log: () => {},
      note: (line) => dryRun.plan.push(`   ${line}`),
      wait: { ...defaultWait, sleep: async () => {} },
      publicIp: async () => "<this machine's public IP>",
      confirm: async () => true,
    };
  }
  const clients =
    options.clients ??
    createAwsClients({ region: settings.region, ...(settings.credentials ? { credentials: settings.credentials } : {}), ...(options.retry ? { retry: options.retry } : {}) });
  return {
    settings,
    clients,
    dryRun: false,
    log: options.log ?? (() => {}),
    note: () => {},
    wait: { ...defaultWait, ...options.wait },
    publicIp: options.publicIp ?? (() => discoverPublicIp()),
    confirm: options.confirm ?? (async () => true),
  };
}

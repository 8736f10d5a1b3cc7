import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject, onTestFinished } from 'vitest';
import type { Warehouse } from '../../src/engines/warehouse.js';
import { configFromSettings, type PipelineSettings } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { selectedEngines, type TestEngine } from './selected-engines.js';

export type { TestEngine } from './selected-engines.js';

/** URL of the test PostgreSQL server (started by test/setup/postgres-global.ts); '' when there is none. */
export function pgUrl(): string {
  return inject('pgUrl');
}

function available(engine: TestEngine): boolean {
  if (engine !== 'postgres' || pgUrl()) return true;
  const reason = inject('pgUnavailable') || 'no server was started';
  if (process.env.CI) throw new Error(`the postgres tests are required in CI, but there is no PostgreSQL server: ${reason}`);
  console.warn(`skipping the postgres engine: ${reason}`);
  return false;
}

/** The engines under test: SPARKIFY_ENGINES (default duckdb,postgres), less any that cannot run here (never in CI). */
export const engines: TestEngine[] = selectedEngines().filter(available);

/** Whether both engines are under test (for the parity suites). */
export const bothEngines = engines.includes('duckdb') && engines.includes('postgres');

/** Pipeline settings pointing at one engine's own empty warehouse; `cwd` is an empty folder, `env` is empty. */
export type EngineSettings = Required<Pick<PipelineSettings, 'target' | 'database' | 'schema' | 'cwd'>> & { env: NodeJS.ProcessEnv };

const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

/** Runs SQL on the test server outside any warehouse (setup and cleanup). */
export async function adminSql(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh isolated warehouse location: DuckDB a new file in a temp folder, PostgreSQL a new schema. */
async function isolatedSettings(engine: TestEngine): Promise<{ settings: EngineSettings; dispose: () => Promise<void> }> {
  const cwd = await mkdtemp(join(tmpdir(), `sparkify-${engine}-`));
  if (engine === 'duckdb') {
    const settings: EngineSettings = { target: 'duckdb', database: join(cwd, 'warehouse.duckdb'), schema: 'main', cwd, env: {} };
    return { settings, dispose: () => rm(cwd, { recursive: true, force: true }) };
  }
  const schema = uniqueName('t');
  const settings: EngineSettings = { target: 'postgres', database: pgUrl(), schema, cwd, env: {} };
  const dispose = async () => {
    await adminSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await rm(cwd, { recursive: true, force: true });
  };
  return { settings, dispose };
}

/** Settings for a warehouse of its own, removed when the current test finishes. Call inside a test. */
export async function engineSettings(engine: TestEngine): Promise<EngineSettings> {
  const { settings, dispose } = await isolatedSettings(engine);
  onTestFinished(dispose);
  return settings;
}

/** Runs `fn` with settings for a warehouse of its own, removed afterwards (usable in beforeAll). */
export async function withEngineSettings<T>(engine: TestEngine, fn: (settings: EngineSettings) => Promise<T>): Promise<T> {
  const { settings, dispose } = await isolatedSettings(engine);
  try {
    return await fn(settings);
  } finally {
    await dispose();
  }
}

/** Opens an isolated, empty warehouse on `engine` (no tables yet) for the length of `fn`. */
export async function withTestWarehouse<T>(engine: TestEngine, fn: (warehouse: Warehouse, settings: EngineSettings) => Promise<T>): Promise<T> {
  return withEngineSettings(engine, (settings) => withWarehouse(configFromSettings(settings), (warehouse) => fn(warehouse, settings)));
}

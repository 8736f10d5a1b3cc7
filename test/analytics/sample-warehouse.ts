import type { Warehouse } from '../../src/engines/warehouse.js';
import { configFromSettings, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { withEngineSettings, type EngineSettings, type TestEngine } from '../helpers/engines.js';
import { udacitySample } from '../helpers/sample.js';

/** A warehouse built from the real sample on one engine, kept for a whole test file. */
export interface SampleWarehouse {
  settings: EngineSettings;
  /** Open on the warehouse, or undefined when built with `open: false` (so a command can open it). */
  warehouse: Warehouse | undefined;
  dispose(): Promise<void>;
}

/**
 * Builds the sample on `engine` in an isolated warehouse (a temp DuckDB file or a fresh
 * PostgreSQL schema) and keeps it until `dispose()`; for beforeAll/afterAll.
 */
export async function buildSampleWarehouse(engine: TestEngine, options: { open: boolean } = { open: true }): Promise<SampleWarehouse> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let lifetime: Promise<void> | undefined;
  let ready: (value: { settings: EngineSettings; warehouse: Warehouse | undefined }) => void = () => undefined;
  const opened = new Promise<{ settings: EngineSettings; warehouse: Warehouse | undefined }>((resolve, reject) => {
    ready = resolve;
    lifetime = withEngineSettings(engine, async (settings) => {
      await runPipeline({ ...settings, source: udacitySample });
      if (!options.open) {
        ready({ settings, warehouse: undefined });
        return released;
      }
      return withWarehouse(configFromSettings(settings), async (warehouse) => {
        ready({ settings, warehouse });
        await released;
      });
    }).catch(reject);
  });
  const { settings, warehouse } = await opened;
  return {
    settings,
    warehouse,
    dispose: async () => {
      release();
      await lifetime;
    },
  };
}

import { describe, expect, it } from 'vitest';
import { openWarehouse } from '../../src/engines/registry.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { withReadOnlyWarehouse, withWarehouse } from '../../src/engines/with-warehouse.js';
import { configFromSettings } from '../../src/pipeline/run-pipeline.js';
import { engines, engineSettings } from '../helpers/engines.js';

describe.each(engines)('on %s, the commands that only read', (engine) => {
  it('open the warehouse read-only: nothing can be written through them, while a writer opens as before', async () => {
    const config = configFromSettings(await engineSettings(engine));
    await withWarehouse(config, (w) => createTables(w, { drop: false }));
    const rows = await withReadOnlyWarehouse(config, async (w) => {
      await expect(w.run(`INSERT INTO ${w.schema}.etl_runs (run_id, started_at, status) VALUES ('x', CAST('2026-01-01' AS TIMESTAMP), 'running')`)).rejects.toThrow(/read.only/i);
      return w.query(`SELECT COUNT(*) AS n FROM ${w.schema}.etl_runs`);
    });
    expect(rows).toEqual([{ n: 0 }]);
    // A writer opens as before.
    const writer = await openWarehouse(config);
    await writer.run(`INSERT INTO ${writer.schema}.etl_runs (run_id, started_at, status) VALUES ('y', CAST('2026-01-01' AS TIMESTAMP), 'running')`);
    await writer.close();
  });
});

import { createTables } from '../pipeline/create-tables.js';
import { withWarehouse } from '../engines/with-warehouse.js';
import { allTables } from '../schema/tables.js';
import { cliConfig } from './cli-config.js';
import { defineCommand } from './command.js';
import { warehouseOptions } from './common-options.js';

export default defineCommand({
  name: 'create-tables',
  description: 'Drop (if present) and create the staging tables, the star schema and the bookkeeping tables.',
  options: { ...warehouseOptions },
  async run(args, io) {
    const config = cliConfig(args, io);
    await withWarehouse(config, async (warehouse) => {
      await createTables(warehouse, { drop: true });
      io.stdout.write(`created ${allTables.length} tables in ${warehouse.description} (schema ${warehouse.schema}): ${allTables.map((t) => t.name).join(', ')}\n`);
    });
    return 0;
  },
});

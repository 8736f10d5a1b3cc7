import { SparkifyError } from '../errors.js';
import { createTables, tablesWithRows } from '../pipeline/create-tables.js';
import { withWarehouse } from '../engines/with-warehouse.js';
import { allTables } from '../schema/tables.js';
import { cliConfig } from './cli-config.js';
import { defineCommand } from './command.js';
import { formatCount } from './format-number.js';
import { warehouseOptions } from './common-options.js';

export default defineCommand({
  name: 'create-tables',
  description: 'Create the staging tables, the star schema and the bookkeeping tables; on a warehouse that holds rows, only with --force (drops them first).',
  options: {
    ...warehouseOptions,
    force: { type: 'boolean', description: 'drop and recreate every table even when they hold rows (the loaded data is lost)' },
  },
  async run(args, io) {
    const config = cliConfig(args, io);
    await withWarehouse(config, async (warehouse) => {
      const loaded = await tablesWithRows(warehouse);
      if (loaded.length > 0 && args.options.force !== true) {
        const list = loaded.map((t) => `${t.table} (${formatCount(t.rows)} ${t.rows === 1 ? 'row' : 'rows'})`).join(', ');
        throw new SparkifyError(
          'REFUSED',
          `${warehouse.description} holds loaded data; create-tables would drop ${list}. Nothing was changed — pass --force to drop and recreate every table, or use \`sparkify run\`/\`etl\`, which keep what is loaded`,
        );
      }
      await createTables(warehouse, { drop: true });
      const dropped = loaded.length > 0 ? ` (dropped ${formatCount(loaded.reduce((n, t) => n + t.rows, 0))} rows first: --force)` : '';
      io.stdout.write(`created ${allTables.length} tables in ${warehouse.description} (schema ${warehouse.schema})${dropped}: ${allTables.map((t) => t.name).join(', ')}\n`);
    });
    return 0;
  },
});

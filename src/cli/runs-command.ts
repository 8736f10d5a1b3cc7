import { requireTables } from '../analytics/require-tables.js';
import { SparkifyError } from '../errors.js';
import { listRuns } from '../pipeline/list-runs.js';
import { withReadOnlyWarehouse } from '../engines/with-warehouse.js';
import { cliConfig } from './cli-config.js';
import { defineCommand } from './command.js';
import { warehouseOptions } from './common-options.js';
import { textTable } from './text-table.js';

const seconds = (from: unknown, to: unknown) => (typeof from === 'string' && typeof to === 'string' ? `${((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1)}s` : '');
const count = (value: unknown) => (value === null || value === undefined ? '' : Number(value));

export default defineCommand({
  name: 'runs',
  description: 'List the etl runs recorded in the warehouse (etl_runs), latest first; a failed run’s error is printed in full below the table.',
  options: {
    ...warehouseOptions,
    limit: { type: 'string', description: 'how many runs (default 20)', placeholder: 'N' },
    json: { type: 'boolean', description: 'print the runs as JSON' },
  },
  async run(args, io) {
    const limit = Number(args.options.limit ?? 20);
    if (!Number.isInteger(limit) || limit < 1) throw new SparkifyError('USAGE', `--limit must be a positive integer, got "${args.options.limit}"`);
    const runs = await withReadOnlyWarehouse(cliConfig(args, io), async (warehouse) => {
      await requireTables(warehouse);
      return listRuns(warehouse, limit);
    });
    if (args.options.json) {
      io.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      io.stdout.write('no runs recorded yet — `sparkify run --source DIR` loads one\n');
      return 0;
    }
    const rows = runs.map((r) => [
      String(r.run_id),
      String(r.status),
      String(r.started_at ?? '')
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z'),
      seconds(r.started_at, r.finished_at),
      count(r.files),
      count(r.rejects),
    ]);
    const errors = runs.filter((r) => r.error).map((r) => `${String(r.run_id)} ${String(r.status)}: ${String(r.error)}`);
    const lines = [textTable(['run', 'status', 'started (UTC)', 'took', 'files', 'rejects'], rows), ...(errors.length ? ['', ...errors] : [])];
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
});

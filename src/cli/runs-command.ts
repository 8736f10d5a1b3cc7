import { SparkifyError } from '../errors.js';
import { listRuns } from '../pipeline/list-runs.js';
import { withWarehouse } from '../pipeline/run-pipeline.js';
import { cliConfig } from './cli-config.js';
import { defineCommand } from './command.js';
import { warehouseOptions } from './common-options.js';
import { textTable } from './text-table.js';

const seconds = (from: unknown, to: unknown) => (typeof from === 'string' && typeof to === 'string' ? `${((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1)}s` : '');

export default defineCommand({
  name: 'runs',
  description: 'List the etl runs recorded in the warehouse (etl_runs), latest first.',
  options: {
    ...warehouseOptions,
    limit: { type: 'string', description: 'how many runs (default 20)', placeholder: 'N' },
    json: { type: 'boolean', description: 'print the runs as JSON' },
  },
  async run(args, io) {
    const limit = Number(args.options.limit ?? 20);
    if (!Number.isInteger(limit) || limit < 1) throw new SparkifyError('USAGE', `--limit must be a positive integer, got "${args.options.limit}"`);
    const runs = await withWarehouse(cliConfig(args, io), (w) => listRuns(w, limit));
    if (args.options.json) {
      io.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      return 0;
    }
    const rows = runs.map((r) => [
      String(r.run_id),
      String(r.status),
      String(r.started_at ?? '').replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      seconds(r.started_at, r.finished_at),
      Number(r.files ?? 0),
      Number(r.rejects ?? 0),
      String(r.error ?? '').slice(0, 60),
    ]);
    io.stdout.write(`${textTable(['run', 'status', 'started (UTC)', 'took', 'files', 'rejects', 'error'], rows)}\n`);
    return 0;
  },
});

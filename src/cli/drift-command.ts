import { listDrift } from '../pipeline/list-drift.js';
import { withReadOnlyWarehouse } from '../engines/with-warehouse.js';
import { cliConfig } from './cli-config.js';
import { defineCommand } from './command.js';
import { warehouseOptions } from './common-options.js';
import { formatCount } from './format-number.js';
import { textTable } from './text-table.js';

export default defineCommand({
  name: 'drift',
  description: 'List the fields present in the data but not loaded (schema drift) of a run: how many records, and the first file and line.',
  options: {
    ...warehouseOptions,
    run: { type: 'string', description: 'the run to show (default: the latest succeeded run; `sparkify runs` lists them)', placeholder: 'ID' },
    json: { type: 'boolean', description: 'print the fields as JSON' },
  },
  async run(args, io) {
    const runId = typeof args.options.run === 'string' ? args.options.run : undefined;
    const drift = await withReadOnlyWarehouse(cliConfig(args, io), (w) => listDrift(w, runId));
    if (args.options.json) {
      io.stdout.write(`${JSON.stringify(drift, null, 2)}\n`);
      return 0;
    }
    if (drift.runId === null) {
      io.stdout.write('no run has succeeded yet: nothing to show\n');
      return 0;
    }
    if (drift.fields.length === 0) {
      io.stdout.write(`run ${drift.runId}: every field in the data is loaded (no schema drift)\n`);
      return 0;
    }
    const rows = drift.fields.map((f) => [
      String(f.kind),
      String(f.field),
      formatCount(Number(f.records)),
      f.first_line === null ? String(f.first_file) : `${String(f.first_file)}:${String(f.first_line)}`,
    ]);
    io.stdout.write(
      `run ${drift.runId}: fields in the data that no column takes (loaded without them, nothing rejected)\n\n${textTable(['kind', 'field', 'records', 'first at'], rows)}\n`,
    );
    return 0;
  },
});

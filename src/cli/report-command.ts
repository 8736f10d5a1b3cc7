import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { paramHelp } from '../analytics/params.js';
import { requireTables } from '../analytics/require-tables.js';
import { withReadOnlyWarehouse } from '../pipeline/read-warehouse.js';
import { cliConfig } from './cli-config.js';
import { defineCommand, type ParsedArgs } from './command.js';
import { warehouseOptions } from './common-options.js';

export default defineCommand({
  name: 'report',
  description: 'Write the dashboard as one self-contained HTML file (chart.js and the data inside; opens offline).',
  options: {
    ...warehouseOptions,
    out: { type: 'string', description: 'file to write (default report.html)', placeholder: 'FILE' },
    from: { type: 'string', description: paramHelp.from, placeholder: 'YYYY-MM-DD' },
    to: { type: 'string', description: paramHelp.to, placeholder: 'YYYY-MM-DD' },
    level: { type: 'string', description: paramHelp.level, placeholder: 'free|paid' },
    limit: { type: 'string', description: paramHelp.limit, placeholder: 'N' },
  },
  async run(args, io) {
    const out = resolve(io.cwd, str(args, 'out') ?? 'report.html');
    const filter = { from: str(args, 'from'), to: str(args, 'to'), level: str(args, 'level'), limit: str(args, 'limit') };
    const defined = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    const { writeReport } = await import('../dashboard/report.js');
    await withReadOnlyWarehouse(cliConfig(args, io), async (warehouse) => {
      await requireTables(warehouse);
      await writeReport(warehouse, out, defined);
    });
    const size = (await stat(out)).size;
    io.stdout.write(`wrote ${out} (${Math.round(size / 1024)} KB) — open it in a browser; it needs no network\n`);
    return 0;
  },
});

function str(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

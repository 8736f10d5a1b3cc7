import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SparkifyError } from '../errors.js';
import { flagLabel, paramHelp, parseQueryParams } from '../analytics/params.js';
import { analyticQueries } from '../analytics/queries.js';
import { requireTables } from '../analytics/require-tables.js';
import { withReadOnlyWarehouse } from '../engines/with-warehouse.js';
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
    await checkWritable(out);
    const filter = { from: str(args, 'from'), to: str(args, 'to'), level: str(args, 'level'), limit: str(args, 'limit') };
    const defined = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    // Bad values are refused in the command line's words before the warehouse is opened.
    for (const query of analyticQueries) parseQueryParams(query, Object.fromEntries(query.params.map((p) => [p, filter[p]])), flagLabel);
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

/** Says what is wrong with --out before any query runs (not an ENOENT stack after them). */
async function checkWritable(out: string): Promise<void> {
  const folder = await stat(dirname(out)).catch(() => undefined);
  if (!folder) throw new SparkifyError('USAGE', `cannot write ${out}: the folder ${dirname(out)} does not exist — create it first, or choose another --out`);
  if (!folder.isDirectory()) throw new SparkifyError('USAGE', `cannot write ${out}: ${dirname(out)} is a file, not a folder — choose another --out`);
  if ((await stat(out).catch(() => undefined))?.isDirectory())
    throw new SparkifyError('USAGE', `cannot write ${out}: it is a folder — give a file name, e.g. --out ${out}/report.html`);
}

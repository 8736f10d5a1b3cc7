import { analyticQueries } from '../analytics/queries.js';
import { SparkifyError } from '../errors.js';
import { withWarehouse } from '../pipeline/run-pipeline.js';
import { cliConfig } from './cli-config.js';
import { defineCommand } from './command.js';
import { warehouseOptions } from './common-options.js';
import { textTable } from './format-number.js';

export default defineCommand({
  name: 'analyze',
  description: 'List the named analytic queries, or run one (or all) and print the results as tables.',
  usage: '[NAME|all] [options]',
  options: {
    ...warehouseOptions,
    limit: { type: 'string', description: 'rows per query (default 10)', placeholder: 'N' },
    json: { type: 'boolean', description: 'print the rows as JSON' },
  },
  async run(args, io) {
    const wanted = args.positionals[0] ?? 'all';
    const limit = Number(args.options.limit ?? 10);
    if (!Number.isInteger(limit) || limit < 1) throw new SparkifyError('USAGE', `--limit must be a positive integer, got "${args.options.limit}"`);
    const queries = wanted === 'all' ? analyticQueries : analyticQueries.filter((q) => q.name === wanted);
    if (queries.length === 0) throw new SparkifyError('USAGE', `unknown analysis "${wanted}"; known: ${analyticQueries.map((q) => q.name).join(', ')}`);
    const config = cliConfig(args, io);
    const results = await withWarehouse(config, async (warehouse) => {
      const out = [];
      for (const query of queries) {
        const built = query.build(warehouse.schema, { limit });
        out.push({ query, rows: await warehouse.query(built.sql, built.params) });
      }
      return out;
    });
    if (args.options.json) {
      io.stdout.write(`${JSON.stringify(Object.fromEntries(results.map((r) => [r.query.name, r.rows])), null, 2)}\n`);
      return 0;
    }
    for (const { query, rows } of results) {
      const header = Object.keys(rows[0] ?? { '(no rows)': '' });
      io.stdout.write(`${query.title} — ${query.description}\n${textTable(header, rows.map((r) => header.map((h) => (typeof r[h] === "boolean" ? String(r[h]) : (r[h] ?? "")) as string | number)))}\n\n`);
    }
    return 0;
  },
});

import { toCsv } from '../analytics/csv.js';
import { flagLabel, paramHelp, parseQueryParams, type RawParams } from '../analytics/params.js';
import { analyticQueries, findQuery } from '../analytics/queries.js';
import type { AnalysisResult, AnalyticQuery } from '../analytics/query-def.js';
import { requireTables } from '../analytics/require-tables.js';
import { runAnalysis } from '../analytics/run-analysis.js';
import { terminalChart } from '../analytics/terminal-chart.js';
import { SparkifyError } from '../errors.js';
import { withReadOnlyWarehouse } from '../engines/with-warehouse.js';
import { cliConfig } from './cli-config.js';
import { defineCommand, type CliIO, type ParsedArgs } from './command.js';
import { warehouseOptions } from './common-options.js';
import { textTable } from './text-table.js';

export default defineCommand({
  name: 'analyze',
  description: 'Without NAME, list the named analyses. With NAME, run it and print a table and a chart (or JSON / CSV); `all` runs every one.',
  usage: '[NAME|all] [options]',
  positionals: 'own',
  options: {
    ...warehouseOptions,
    from: { type: 'string', description: paramHelp.from, placeholder: 'YYYY-MM-DD' },
    to: { type: 'string', description: paramHelp.to, placeholder: 'YYYY-MM-DD' },
    limit: { type: 'string', description: paramHelp.limit, placeholder: 'N' },
    level: { type: 'string', description: paramHelp.level, placeholder: 'free|paid' },
    json: { type: 'boolean', description: 'print JSON (the list, or the result with its rows)' },
    csv: { type: 'boolean', description: 'print the rows of one analysis as CSV' },
  },
  async run(args, io) {
    const [name, ...extra] = args.positionals;
    if (extra.length > 0) throw new SparkifyError('USAGE', `analyze takes one analysis name, got ${args.positionals.length}: ${args.positionals.join(' ')}`);
    if (args.options.json && args.options.csv) throw new SparkifyError('USAGE', 'choose one of --json and --csv');
    if (name === undefined) {
      io.stdout.write(args.options.json ? `${JSON.stringify(analyticQueries.map(listing), null, 2)}\n` : listText());
      return 0;
    }
    const raw: RawParams = { from: str(args, 'from'), to: str(args, 'to'), limit: str(args, 'limit'), level: str(args, 'level') };
    const plans = name === 'all' ? analyticQueries.map((q) => ({ query: q, params: parseQueryParams(q, only(raw, q), flagLabel) })) : [planOne(name, raw)];
    if (name === 'all' && args.options.csv) throw new SparkifyError('USAGE', '--csv prints one analysis; name it, or use --json for all');
    const results = await withReadOnlyWarehouse(cliConfig(args, io), async (warehouse) => {
      await requireTables(warehouse);
      const out: AnalysisResult[] = [];
      for (const plan of plans) out.push(await runAnalysis(warehouse, plan.query, plan.params));
      return out;
    });
    print(results, args, io, name === 'all');
    return 0;
  },
});

function planOne(name: string, raw: RawParams) {
  const query = findQuery(name);
  return { query, params: parseQueryParams(query, raw, flagLabel) };
}

function print(results: AnalysisResult[], args: ParsedArgs, io: CliIO, all: boolean): void {
  if (args.options.json) {
    io.stdout.write(`${JSON.stringify(all ? results : results[0], null, 2)}\n`);
    return;
  }
  if (args.options.csv) {
    const [result] = results;
    if (result) io.stdout.write(toCsv(result.columns, result.rows));
    return;
  }
  io.stdout.write(results.map(resultText).join('\n\n'));
}

/** Title, what it means, the filter used, the table, and the chart. */
export function resultText(result: AnalysisResult): string {
  const { from, to, level } = result.params;
  const filter = [from || to ? `${from ?? 'start'} to ${to ?? 'end'}` : '', level ? `level ${level}` : ''].filter(Boolean).join(', ');
  const header = result.columns.map((c) => c.key);
  const rows = result.rows.map((r) => header.map((h) => cell(r[h])));
  const table = rows.length === 0 ? '(no rows)' : textTable(header, rows);
  const chart = terminalChart(result);
  return `${result.title}${filter ? ` (${filter})` : ''}\n${result.description}\n\n${table}\n${chart ? `\n${chart}\n` : ''}`;
}

function listText(): string {
  const width = Math.max(...analyticQueries.map((q) => q.name.length));
  const entries = analyticQueries.map((q) => {
    const flags = q.params.map((p) => `--${p}`).join(' ');
    return `  ${q.name.padEnd(width)}  ${q.title}${flags ? `  [${flags}]` : ''}\n  ${' '.repeat(width)}  ${q.description}`;
  });
  return `Analyses — run one with \`sparkify analyze NAME\`, every one with \`sparkify analyze all\`:\n\n${entries.join('\n')}\n`;
}

function listing(q: AnalyticQuery) {
  return { name: q.name, title: q.title, description: q.description, params: q.params };
}

/** The raw parameters `query` accepts; `all` applies the shared flags only where they fit. */
function only(raw: RawParams, query: AnalyticQuery): RawParams {
  return Object.fromEntries(query.params.map((p) => [p, raw[p]]));
}

function str(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

function cell(value: string | number | boolean | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  return typeof value === 'boolean' ? String(value) : value;
}

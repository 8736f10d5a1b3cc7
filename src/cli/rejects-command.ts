import { toCsv } from '../analytics/csv.js';
import { requireTables } from '../analytics/require-tables.js';
import { SparkifyError } from '../errors.js';
import { listRejects, type RunRejects } from '../pipeline/list-rejects.js';
import { withReadOnlyWarehouse } from '../engines/with-warehouse.js';
import { cliConfig } from './cli-config.js';
import { defineCommand } from './command.js';
import { warehouseOptions } from './common-options.js';
import { formatCount } from './format-number.js';
import { textTable } from './text-table.js';

const textWidth = 50;

/** The start of the offending text on one line: control characters shown as spaces. */
const excerpt = (text: string | null) => {
  if (text === null) return '';
  const flat = [...text]
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
  return flat.length > textWidth ? `${flat.slice(0, textWidth - 1)}…` : flat;
};

export default defineCommand({
  name: 'rejects',
  description: 'List the records a run rejected (load_errors): file or S3 key, line, reason and the start of the text. Default: the latest run that rejected any.',
  options: {
    ...warehouseOptions,
    run: { type: 'string', description: 'the run to show (see `sparkify runs`)', placeholder: 'ID' },
    limit: { type: 'string', description: 'how many records (default 20)', placeholder: 'N' },
    json: { type: 'boolean', description: 'print the run id, the total and the records as JSON' },
    csv: { type: 'boolean', description: 'print the records as CSV (kind,file,line,reason,text)' },
  },
  async run(args, io) {
    const limit = Number(args.options.limit ?? 20);
    if (!/^\d+$/.test(String(args.options.limit ?? 20)) || limit < 1) throw new SparkifyError('USAGE', `--limit must be a whole number of 1 or more, got "${args.options.limit}"`);
    if (args.options.json && args.options.csv) throw new SparkifyError('USAGE', 'choose one of --json and --csv');
    const runId = typeof args.options.run === 'string' ? args.options.run : undefined;
    const found = await withReadOnlyWarehouse(cliConfig(args, io), async (warehouse) => {
      await requireTables(warehouse);
      return listRejects(warehouse, { runId, limit });
    });
    if (args.options.json) io.stdout.write(`${JSON.stringify(found ?? { runId: null, total: 0, records: [] }, null, 2)}\n`);
    else if (args.options.csv) io.stdout.write(csv(found));
    else io.stdout.write(found ? human(found, runId === undefined) : 'no run has rejected any record\n');
    return 0;
  },
});

function human(found: RunRejects, latest: boolean): string {
  const which = `run ${found.runId}${latest ? ' (the latest run with rejects)' : ''}`;
  if (found.total === 0) return `${which} rejected no record\n`;
  const rows = found.records.map((r) => [r.kind, r.file, r.line === null ? '' : String(r.line), r.reason, excerpt(r.text)]);
  const more = found.total - found.records.length;
  return [
    `${which}: ${formatCount(found.total)} rejected record${found.total === 1 ? '' : 's'}`,
    '',
    textTable(['kind', 'file', 'line', 'reason', 'text'], rows),
    ...(more > 0 ? ['', `… and ${formatCount(more)} more — \`--limit ${found.total}\` lists them all`] : []),
    '',
  ].join('\n');
}

function csv(found: RunRejects | undefined): string {
  const columns = ['kind', 'file', 'line', 'reason', 'text'].map((key) => ({ key, kind: 'text' as const }));
  const rows = (found?.records ?? []).map((r) => ({ kind: r.kind, file: r.file, line: r.line, reason: r.reason, text: r.text }));
  return toCsv(columns, rows);
}

import { SparkifyError } from '../errors.js';
import { exportLake } from '../pipeline/export-lake.js';
import { withWarehouse } from '../engines/with-warehouse.js';
import { redactSecrets } from '../redact.js';
import { cliConfig } from './cli-config.js';
import { defineCommand } from './command.js';
import { warehouseOptions } from './common-options.js';
import { formatCount } from './format-number.js';
import { textTable } from './text-table.js';

export default defineCommand({
  name: 'export',
  description:
    'Write the star schema as a Parquet data lake laid out as the Spark version does it (songplays/ and time/ by year=/month=, songs/ by year=/artist_id=, users/ and artists/ whole), to a folder or an s3:// prefix.',
  options: {
    ...warehouseOptions,
    out: { type: 'string', description: 'where the lake goes: a folder, or s3://bucket/prefix', placeholder: 'DIR|S3URL' },
    format: { type: 'string', description: 'file format: parquet (the only one, and the default)', placeholder: 'parquet' },
    's3-endpoint': { type: 'string', description: 'S3-compatible endpoint for an s3:// --out (path-style)', placeholder: 'URL' },
    region: { type: 'string', description: 'AWS region of the S3 bucket (default us-west-2)', placeholder: 'REGION' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  async run(args, io) {
    const out = args.options.out;
    if (typeof out !== 'string' || out === '') throw new SparkifyError('USAGE', 'say where the lake goes: --out DIR or --out s3://bucket/prefix');
    const format = args.options.format ?? 'parquet';
    if (format !== 'parquet') throw new SparkifyError('USAGE', `--format ${String(format)} is not supported; the lake is written as parquet`);
    const result = await withWarehouse(cliConfig(args, io), (w) => exportLake(w, cliConfig(args, io), out));
    if (args.options.json) {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const rows = result.tables.map((t) => [
      t.table,
      formatCount(t.rows),
      t.files,
      t.partitions.length === 0 ? '(whole)' : `${t.partitions.length}: ${t.partitions[0]}${t.partitions.length > 1 ? ', …' : ''}`,
    ]);
    io.stdout.write(
      redactSecrets(
        `Parquet lake written to ${result.out} (row counts read back from the files equal the warehouse)\n\n${textTable(['table', 'rows', 'files', 'partitions'], rows)}\n`,
      ),
    );
    return 0;
  },
});

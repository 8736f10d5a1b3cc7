import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { generateSample } from '../../src/generate/index.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { engineSettings, engines } from '../helpers/engines.js';

/** The compression methods DuckDB chose for a table's text columns in the file. */
async function textCompression(file: string, table: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(`SELECT DISTINCT compression FROM pragma_storage_info('${table}') WHERE segment_type = 'VARCHAR' ORDER BY 1`);
    connection.closeSync();
    return reader.getRows().map((row) => String(row[0]));
  } finally {
    instance.closeSync();
  }
}

describe.skipIf(!engines.includes('duckdb'))('the DuckDB file format', () => {
  it('is 1.3 storage in a new warehouse: text columns compressed with dictionary and FSST together', async () => {
    const settings = await engineSettings('duckdb');
    const source = join(settings.cwd, 'src');
    await generateSample({ outDir: source, events: 3000, songs: 30, seed: 5, days: 2 });
    await runPipeline({ ...settings, source });
    expect(await textCompression(settings.database, 'songplays')).toContain('DICT_FSST');
  });

  it('stays what it was in a warehouse created before, which keeps loading', async () => {
    const settings = await engineSettings('duckdb');
    const old = await DuckDBInstance.create(settings.database);
    old.closeSync();
    const source = join(settings.cwd, 'src');
    await generateSample({ outDir: source, events: 3000, songs: 30, seed: 5, days: 2 });
    const summary = await runPipeline({ ...settings, source });
    expect(summary.tables.songplays).toBeGreaterThan(0);
    expect(await textCompression(settings.database, 'songplays')).not.toContain('DICT_FSST');
  });
});

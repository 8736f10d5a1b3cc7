import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../helpers/cli-io.js';
import { engines, engineSettings } from '../helpers/engines.js';
import { eventRecord } from '../helpers/records.js';

const good = JSON.stringify(eventRecord());

/** A source with one good event and `bad` lines that are not JSON. */
function source(cwd: string, bad: number): string {
  const src = join(cwd, 'src');
  mkdirSync(join(src, 'log_data'), { recursive: true });
  mkdirSync(join(src, 'song_data'), { recursive: true });
  const lines = [good, ...Array.from({ length: bad }, (_, i) => `garbage line ${i + 1} {`)];
  writeFileSync(join(src, 'log_data', 'day.json'), `${lines.join('\n')}\n`);
  return src;
}

describe.each(engines)('rejects at hand on %s', (engine) => {
  it('a --max-errors failure: JSON error on stdout, true counts and the whole error in runs, the records in rejects', async () => {
    const settings = await engineSettings(engine);
    const where = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema];
    const src = source(settings.cwd, 25);
    const cli = async (...argv: string[]) => {
      const io = bufferIO(settings.cwd);
      const code = await main([...argv, ...where], io);
      return { code, out: io.out(), err: io.err() };
    };

    const failed = await cli('run', src, '--max-errors', '3', '--json');
    expect(failed.code).toBe(1);
    const { error } = JSON.parse(failed.out) as { error: { code: string; message: string; runId: string } };
    expect(error.code).toBe('TOO_MANY_REJECTS');
    expect(error.runId).toMatch(/^\d{8}T\d{6}Z-\w+$/);
    expect(error.message).toContain(`\`sparkify rejects --run ${error.runId}\` lists them`);
    expect(error.message).not.toContain('load_errors');

    const runs = await cli('runs');
    expect(runs.code).toBe(0);
    expect(runs.out).toMatch(new RegExp(`${error.runId}\\s+failed\\s+\\S+ \\S+\\s+\\S+\\s+1\\s+25\\n`));
    expect(runs.out).toContain(`${error.runId} failed: ${error.message}\n`);
    const runsJson = JSON.parse((await cli('runs', '--json')).out) as { rejects: number; files: number }[];
    expect(runsJson[0]).toMatchObject({ rejects: 25, files: 1 });

    const listed = await cli('rejects', '--limit', '3');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`run ${error.runId} (the latest run with rejects): 25 rejected records`);
    expect(listed.out).toMatch(/events\s+\S+day\.json\s+2\s+malformed JSON: .*\s+garbage line 1 \{\n/);
    expect(listed.out).toContain('… and 22 more — `--limit 25` lists them all');

    const json = JSON.parse((await cli('rejects', '--run', error.runId, '--json', '--limit', '100')).out);
    expect(json.total).toBe(25);
    expect(json.records).toHaveLength(25);
    expect(json.records[0]).toMatchObject({ kind: 'events', file: join(src, 'log_data', 'day.json'), line: 2, text: 'garbage line 1 {' });

    const csv = (await cli('rejects', '--csv', '--limit', '1')).out;
    expect(csv).toBe(
      `kind,file,line,reason,text\r\nevents,${join(src, 'log_data', 'day.json')},2,${json.records[0].reason.includes(',') ? `"${json.records[0].reason.replaceAll('"', '""')}"` : json.records[0].reason},garbage line 1 {\r\n`,
    );

    const unknown = await cli('rejects', '--run', 'nope');
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toContain('no run "nope" in');
  });

  it('runs and rejects on a warehouse without tables say so, with no stack', async () => {
    const settings = await engineSettings(engine);
    const where = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema];
    if (engine === 'duckdb') {
      // A DuckDB file that exists but holds no table (a missing file is issue 11's read-only opening).
      const instance = await DuckDBInstance.create(settings.database);
      (await instance.connect()).closeSync();
      instance.closeSync();
      expect(existsSync(settings.database)).toBe(true);
    }
    for (const command of ['runs', 'rejects']) {
      const io = bufferIO(settings.cwd);
      expect(await main([command, ...where], io)).toBe(1);
      expect(io.err()).toMatch(new RegExp(`^sparkify ${command}: no Sparkify tables in .* — run \`sparkify run --source DIR\` first`));
      expect(io.err()).not.toMatch(/Catalog Error|unexpected error|\n\s+at /);
    }
  });
});

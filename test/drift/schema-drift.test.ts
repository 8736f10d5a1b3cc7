import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { generateSample } from '../../src/generate/index.js';
import { configFromSettings, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { bufferIO } from '../helpers/cli-io.js';
import { engineSettings, engines } from '../helpers/engines.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparkify-drift-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const files = (root: string) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();

/** Rewrites some lines of a file, adding `extra` to the JSON object of each line `pick` chooses (1-based). */
function addKey(file: string, extra: Record<string, unknown>, pick: (line: number) => boolean): number {
  let added = 0;
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = lines.map((text, i) => {
    if (text.trim() === '' || !pick(i + 1)) return text;
    added += 1;
    return JSON.stringify({ ...JSON.parse(text), ...extra });
  });
  writeFileSync(file, out.join('\n'));
  return added;
}

describe.each(engines)('schema drift on %s', (engine) => {
  it.skipIf(!sampleAvailable())(
    'the real sample with a new event field and an unexpected song key: counted, shown, stored, listed by `sparkify drift`; nothing rejected',
    async () => {
      const root = join(dir, `sample-${engine}`);
      cpSync(udacitySample, root, { recursive: true });
      const logs = files(join(root, 'log_data'));
      const added = logs.reduce((n, f) => n + addKey(f, { sessionLength: 42 }, () => true), 0);
      expect(added).toBe(8056);
      const songFile = files(join(root, 'song_data'))[5]!;
      addKey(songFile, { genre: 'jazz' }, () => true);

      const settings = await engineSettings(engine);
      const summary = await runPipeline({ ...settings, source: root });
      expect(summary.tables).toMatchObject({ staging_events: 8056, songplays: 6820, songs: 71 });
      expect(summary.rejects).toEqual({ events: 0, songs: 0 });
      expect(summary.drift).toEqual([
        { kind: 'events', field: 'sessionLength', records: 8056, firstFile: logs[0], firstLine: 1 },
        { kind: 'songs', field: 'genre', records: 1, firstFile: songFile, firstLine: 1 },
      ]);

      const flags = ['--target', settings.target, '--database', settings.database, '--schema', settings.schema];
      const io = bufferIO(dir);
      expect(await main(['drift', ...flags], io)).toBe(0);
      expect(io.out()).toMatch(/events\s+sessionLength\s+8,056\s+.*2018-11-01-events\.json:1/);
      expect(io.out()).toMatch(/songs\s+genre\s+1\s+/);
      const json = bufferIO(dir);
      expect(await main(['drift', ...flags, '--run', summary.runId, '--json'], json)).toBe(0);
      expect(JSON.parse(json.out())).toMatchObject({ runId: summary.runId, fields: [{ field: 'sessionLength' }, { field: 'genre' }] });
      const bad = bufferIO(dir);
      expect(await main(['drift', ...flags, '--run', 'nope'], bad)).toBe(2);
      expect(bad.err()).toContain('no run "nope"');

      // The etl summary says it in words.
      const again = bufferIO(dir);
      addKey(logs[3]!, { sessionLength: 43 }, (line) => line === 2);
      expect(await main(['etl', ...flags, '--source', root], again)).toBe(0);
      expect(again.out()).toMatch(/new field `sessionLength` in \d[\d,]* events, first at .*2018-11-04-events\.json:1 \(not loaded; nothing rejected\)/);
    },
  );

  it('generated data: a field that starts mid-file in one day, many small song files, and none where nothing changed', async () => {
    const root = join(dir, `generated-${engine}`);
    await generateSample({ outDir: root, events: 6000, songs: 150, seed: 9, days: 5 });
    const clean = await engineSettings(engine);
    expect((await runPipeline({ ...clean, source: root })).drift).toEqual([]);

    const logs = files(join(root, 'log_data'));
    const added = addKey(logs[2]!, { experiment: 'B' }, (line) => line >= 40 && line % 7 === 0);
    const songs = files(join(root, 'song_data'));
    addKey(songs[100]!, { tempo: 120 }, () => true);
    addKey(songs[140]!, { tempo: 90 }, () => true);
    const settings = await engineSettings(engine);
    const summary = await runPipeline({ ...settings, source: root });
    expect(summary.drift).toEqual([
      { kind: 'events', field: 'experiment', records: added, firstFile: logs[2], firstLine: 42 },
      { kind: 'songs', field: 'tempo', records: 2, firstFile: songs[100], firstLine: 1 },
    ]);
    const stored = await withWarehouse(configFromSettings(settings), (w) =>
      w.query(`SELECT field, records FROM "${w.schema}".schema_drift WHERE run_id = $1 ORDER BY field`, [summary.runId]),
    );
    expect(stored.map((r) => [r.field, Number(r.records)])).toEqual([
      ['experiment', added],
      ['tempo', 2],
    ]);
  });
});

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromSettings, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { withWarehouse } from '../../src/engines/with-warehouse.js';
import { duckdbScratchStaging } from '../../src/engines/duckdb/duckdb-scratch-staging.js';
import { createTables } from '../../src/pipeline/create-tables.js';
import { runEtl } from '../../src/pipeline/run-etl.js';
import type { EngineSettings } from '../helpers/engines.js';
import { engines, engineSettings } from '../helpers/engines.js';
import { starTableRows } from '../helpers/star-tables.js';

/*
 * DuckDB stages out of the warehouse file, which only ever receives the star tables: in
 * temporary tables, or beyond the memory limit in a scratch database beside the file
 * (`<file>.staging`). Staging that lives and dies with the connection must not change
 * anything a run promises: counts in the summary, rejects with file and line, the star tables.
 */

const event = (item: number, over: Record<string, unknown> = {}) =>
  JSON.stringify({ page: 'NextSong', sessionId: 3, itemInSession: item, ts: 1_541_106_106_796 + item, userId: '9', level: 'free', song: 'S', artist: 'A', length: 1, ...over });

function writeSource(root: string): void {
  mkdirSync(join(root, 'log_data'), { recursive: true });
  mkdirSync(join(root, 'song_data'), { recursive: true });
  writeFileSync(join(root, 'song_data', 'song.json'), JSON.stringify({ song_id: 'S1', artist_id: 'A1', title: 'S', artist_name: 'A', duration: 1 }));
  writeFileSync(join(root, 'log_data', 'good.json'), `${[0, 1, 2].map((i) => event(i)).join('\n')}\n`);
  // Line 2 has a string session id, line 4 is not JSON: both rejected with their line.
  writeFileSync(join(root, 'log_data', 'mixed.json'), `${event(3)}\n${event(4, { sessionId: 'x' })}\n${event(5)}\n{"broken":\n`);
}

/** An etl run staging in the scratch file, as one whose files are bigger than the memory limit does. */
function etlStagingInFile(settings: EngineSettings, root: string) {
  const config = configFromSettings({ ...settings, source: root });
  return withWarehouse(config, async (w) => {
    await createTables(w, { drop: false });
    Object.assign(w, { scratchStaging: duckdbScratchStaging(w, settings.database, 0) });
    return runEtl(w, config);
  });
}

describe.skipIf(!engines.includes('duckdb'))('DuckDB scratch staging', () => {
  it.each(['temporary tables', 'the scratch file'])(
    'in %s leaves no staged rows in the file, yet counts them, rejects exactly and loads what --keep-staging loads',
    async (where) => {
      const scratch = await engineSettings('duckdb');
      const kept = await engineSettings('duckdb');
      for (const s of [scratch, kept]) writeSource(join(s.cwd, 'src'));
      const root = join(scratch.cwd, 'src');
      const a = where === 'temporary tables' ? await runPipeline({ ...scratch, source: root }) : await etlStagingInFile(scratch, root);
      const b = await runPipeline({ ...kept, source: join(kept.cwd, 'src'), keepStaging: true });

      expect(a.tables).toEqual(b.tables);
      expect(a.tables).toMatchObject({ staging_events: 5, staging_songs: 1, songplays: 5 });
      expect(a.rejects).toEqual({ events: 2, songs: 0 });
      const rejects = (settings: typeof scratch) =>
        withWarehouse(configFromSettings(settings), (w) => w.query('SELECT kind, line_number, reason FROM load_errors ORDER BY line_number'));
      const aRejects = await rejects(scratch);
      expect(aRejects.map((r) => r.line_number)).toEqual([2, 4]);
      expect(aRejects).toEqual(await rejects(kept));
      const stagedInFile = (settings: typeof scratch) =>
        withWarehouse(configFromSettings(settings), async (w) => (await w.query('SELECT (SELECT COUNT(*) FROM staging_events) + (SELECT COUNT(*) FROM staging_songs) AS n'))[0]!.n);
      expect(await stagedInFile(scratch)).toBe(0);
      expect(await stagedInFile(kept)).toBe(6);
      expect(await withWarehouse(configFromSettings(scratch), starTableRows)).toEqual(await withWarehouse(configFromSettings(kept), starTableRows));
      expect(existsSync(`${scratch.database}.staging`)).toBe(false);
    },
  );

  it('replaces what a crashed run left beside the file, and leaves nothing when a run fails', async () => {
    const settings = await engineSettings('duckdb');
    const root = join(settings.cwd, 'src');
    writeSource(root);
    await runPipeline({ ...settings, source: root });
    writeFileSync(`${settings.database}.staging`, 'not a database: what a killed run might leave');
    writeFileSync(join(root, 'log_data', 'late.json'), `${event(9)}\n`);
    const again = await etlStagingInFile(settings, root);
    expect(again.tables).toMatchObject({ staging_events: 1, songplays: 6 });
    expect(existsSync(`${settings.database}.staging`)).toBe(false);

    writeFileSync(join(root, 'log_data', 'later.json'), `${event(10, { sessionId: 'x' })}\n`);
    await expect(etlStagingInFile({ ...settings, env: { SPARKIFY_MAX_ERRORS: '0' } }, root)).rejects.toMatchObject({ code: 'TOO_MANY_REJECTS' });
    expect(existsSync(`${settings.database}.staging`)).toBe(false);
  });

  it('a run without --keep-staging empties what a kept run left in the file', async () => {
    const settings = await engineSettings('duckdb');
    const root = join(settings.cwd, 'src');
    writeSource(root);
    await runPipeline({ ...settings, source: root, keepStaging: true });
    const again = await runPipeline({ ...settings, source: root, fullRefresh: true });
    expect(again.tables.staging_events).toBe(5);
    const [row] = await withWarehouse(configFromSettings(settings), (w) => w.query('SELECT COUNT(*) AS n FROM staging_events'));
    expect(row!.n).toBe(0);
  });

  it('two runs on one connection each see only their own staged rows, wherever each stages', async () => {
    const settings = await engineSettings('duckdb');
    const root = join(settings.cwd, 'src');
    writeSource(root);
    await withWarehouse(configFromSettings({ ...settings, source: root }), async (w) => {
      await createTables(w, { drop: false });
      const config = configFromSettings({ ...settings, source: root });
      // A threshold between the two runs' sizes: the first stages in the file, the second in memory.
      Object.assign(w, { scratchStaging: duckdbScratchStaging(w, settings.database, 500) });
      const first = await runEtl(w, config);
      expect(existsSync(`${settings.database}.staging`)).toBe(true);
      writeFileSync(join(root, 'log_data', 'late.json'), `${event(9)}\n`);
      const second = await runEtl(w, config);
      expect(existsSync(`${settings.database}.staging`)).toBe(false);
      expect(first.tables.staging_events).toBe(5);
      expect(second.tables.staging_events).toBe(1);
      expect(second.tables.songplays).toBe(6);
    });
  });
});

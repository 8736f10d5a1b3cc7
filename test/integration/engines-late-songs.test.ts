import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueryParams } from '../../src/analytics/params.js';
import { analyticQueries } from '../../src/analytics/queries.js';
import { runAnalysis } from '../../src/analytics/run-analysis.js';
import type { Row, Warehouse } from '../../src/engines/warehouse.js';
import { generateSample } from '../../src/generate/index.js';
import { configFromSettings, runPipeline, withWarehouse } from '../../src/index.js';
import { engines, withEngineSettings } from '../helpers/engines.js';
import { starTableRows } from '../helpers/star-tables.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-late-'));
const sample = join(dir, 'sample');
beforeAll(() => generateSample({ outDir: sample, events: 4000, songs: 300, seed: 11, songsPerFile: 10 }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file of one side of the sample (path relative to the sample), in a fixed order. */
function filesOf(side: 'log_data' | 'song_data'): string[] {
  return (readdirSync(join(sample, side), { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
    .filter((e) => e.isFile())
    .map((e) => relative(sample, join(e.parentPath, e.name)))
    .sort();
}

const half = <T>(list: T[], which: 0 | 1) => (which === 0 ? list.slice(0, Math.ceil(list.length / 2)) : list.slice(Math.ceil(list.length / 2)));

/** Star rows, every analysis, and the unmatched-play bookkeeping of one warehouse. */
async function state(warehouse: Warehouse) {
  const analyses: Record<string, Row[]> = {};
  for (const query of analyticQueries) analyses[query.name] = (await runAnalysis(warehouse, query, parseQueryParams(query, {}))).rows;
  const [unmatched] = await warehouse.query(`SELECT COUNT(*) AS n FROM ${warehouse.schema}.unmatched_plays`);
  const [nulls] = await warehouse.query(`SELECT COUNT(*) AS n FROM ${warehouse.schema}.songplays WHERE song_id IS NULL`);
  return { rows: await starTableRows(warehouse), analyses, unmatched: Number(unmatched?.n), nullSongs: Number(nulls?.n) };
}

describe.each(engines)('on %s, songs that arrive after their plays', (engine) => {
  /** Loads the sample in batches (each a list of files added to the source before a run); returns the final state. */
  function loadInBatches(batches: string[][]) {
    return withEngineSettings(engine, async (settings) => {
      const source = join(settings.cwd, 'source');
      for (const side of ['log_data', 'song_data']) mkdirSync(join(source, side), { recursive: true });
      for (const batch of batches) {
        for (const file of batch) cpSync(join(sample, file), join(source, file));
        await runPipeline({ ...settings, source });
      }
      return withWarehouse(configFromSettings(settings), state);
    });
  }

  let full: Awaited<ReturnType<typeof state>>;
  beforeAll(async () => {
    full = await loadInBatches([[...filesOf('log_data'), ...filesOf('song_data')]]);
    expect(full.rows.songplays!.filter((p) => p.song_id !== null).length).toBeGreaterThan(300);
  }, 120_000);

  it('all plays first, every song in a later run: the same warehouse as a full load', async () => {
    const late = await loadInBatches([filesOf('log_data'), filesOf('song_data')]);
    expect(late).toEqual(full);
  });

  it('plays and songs interleaved over three runs: the same warehouse as a full load', async () => {
    const [events, songs] = [filesOf('log_data'), filesOf('song_data')];
    const late = await loadInBatches([half(events, 0), [...half(events, 1), ...half(songs, 1)], half(songs, 0)]);
    expect(late).toEqual(full);
  });

  it('a later song equal to one already matched (title, artist, duration) with a lower id takes its plays, as in a full load', async () => {
    const tie = join(dir, `tie-${engine}`);
    mkdirSync(join(tie, 'log_data'), { recursive: true });
    mkdirSync(join(tie, 'song_data'), { recursive: true });
    const song = (id: string) => JSON.stringify({ song_id: id, title: 'Twin', artist_id: 'AR1', artist_name: 'Pair', duration: 200.5, year: 2001, num_songs: 1 });
    const play = JSON.stringify({ page: 'NextSong', sessionId: 1, itemInSession: 0, ts: 1541116106796, userId: '3', level: 'free', song: 'Twin', artist: 'Pair', length: 200.5 });
    const files = { 'log_data/day.json': play, 'song_data/b.json': song('SOB'), 'song_data/a.json': song('SOA') };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(tie, name), `${text}\n`);
    const songOf = (batches: string[][]) =>
      withEngineSettings(engine, async (settings) => {
        const source = join(settings.cwd, 'source');
        for (const side of ['log_data', 'song_data']) mkdirSync(join(source, side), { recursive: true });
        for (const batch of batches) {
          for (const file of batch) cpSync(join(tie, file), join(source, file));
          await runPipeline({ ...settings, source });
        }
        return withWarehouse(configFromSettings(settings), (w) => w.query(`SELECT song_id, artist_id FROM ${w.schema}.songplays`));
      });
    const together = await songOf([Object.keys(files)]);
    expect(together).toEqual([{ song_id: 'SOA', artist_id: 'AR1' }]);
    expect(await songOf([['log_data/day.json', 'song_data/b.json'], ['song_data/a.json']])).toEqual(together);
  });

  it('keeps matching facts only for plays still unmatched', () => {
    expect(full.unmatched).toBe(full.nullSongs);
    expect(full.unmatched).toBeGreaterThan(0);
  });
});

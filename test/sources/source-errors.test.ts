import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../helpers/cli-io.js';
import { eventRecord } from '../helpers/records.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = JSON.stringify(
  eventRecord({
    auth: 'Logged In',
    method: 'PUT',
    status: 200,
    registration: 1540809153796,
  }),
);

async function cli(cwd: string, ...argv: string[]) {
  const io = bufferIO(cwd);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

function folder(name: string): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  return path;
}

describe('source errors name the thing the user gave', () => {
  it('says the --source folder is missing, not its log_data/, and writes no warehouse', async () => {
    const cwd = folder('missing');
    const r = await cli(cwd, 'run', '--source', '/nope');
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toBe('sparkify run: source /nope does not exist — check --source\n');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('points at dwh.cfg [LOCAL] SOURCE, with its line, when that is where the path came from', async () => {
    const cwd = folder('from-cfg');
    writeFileSync(join(cwd, 'dwh.cfg'), '# mine\n[LOCAL]\nSOURCE=/nope/from/cfg\n');
    const r = await cli(cwd, 'run');
    expect(r.code).toBe(1);
    expect(r.err).toBe(`sparkify run: source /nope/from/cfg does not exist — it is set by [LOCAL] SOURCE in ${join(cwd, 'dwh.cfg')} (line 3)\n`);
    expect(readdirSync(cwd)).toEqual(['dwh.cfg']);
  });

  it('says a source folder without the Udacity layout lacks log_data/', async () => {
    const cwd = folder('flat');
    const r = await cli(cwd, 'run', cwd);
    expect(r.err).toContain(`source ${cwd} has no log_data/ folder — it should hold log_data/ and song_data/`);
    expect(existsSync(join(cwd, 'sparkify.duckdb'))).toBe(false);
  });

  it('leaves no warehouse file behind when etl is given a missing warehouse or source', async () => {
    const cwd = folder('etl');
    const r = await cli(cwd, 'etl', '--source', '/nope');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`no warehouse at ${join(cwd, 'sparkify.duckdb')} — run \`sparkify create-tables\` first`);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('takes --log-data alone as a source, and warns that no songs were given', async () => {
    const cwd = folder('log-only');
    writeFileSync(join(folder('log-only/logs'), 'day.json'), `${event}\n`);
    const r = await cli(cwd, 'run', '--log-data', join(cwd, 'logs'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/songplays\s+1\n/);
    expect(r.out).toContain('warning: no song data given: songplays will match no song or artist');
  });

  it('warns when every record of a side was rejected: song files given as event logs', async () => {
    const cwd = folder('swapped');
    const song = JSON.stringify({ song_id: 'S1', artist_id: 'A1', title: 'T', artist_name: 'N', duration: 1.5, year: 0, num_songs: 1 });
    writeFileSync(join(folder('swapped/songs'), 'a.json'), `${song}\n`);
    const r = await cli(cwd, 'run', '--log-data', join(cwd, 'songs'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).warnings).toContain(
      'every event record was rejected (1) — is the log data folder right (song files given as event logs?); `sparkify rejects` shows why',
    );
  });

  it('warns when song_data/ holds no song files', async () => {
    const cwd = folder('no-songs');
    writeFileSync(join(folder('no-songs/src/log_data'), 'day.json'), `${event}\n`);
    folder('no-songs/src/song_data');
    const r = await cli(cwd, 'run', join(cwd, 'src'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).warnings).toEqual([`no song files found under ${join(cwd, 'src', 'song_data')}: songplays will match no song or artist`]);
  });
});

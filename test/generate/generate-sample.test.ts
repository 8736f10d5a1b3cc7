import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSparkifyError } from '../../src/errors.js';
import { artistCount } from '../../src/generate/catalog.js';
import { generateSample, type GenerateResult } from '../../src/generate/index.js';
import { listFiles, readEventFiles, readSongFiles } from './read-sample.js';

const KEYS = 'artist,auth,firstName,gender,itemInSession,lastName,length,level,location,method,page,registration,sessionId,song,status,ts,userAgent,userId';
const PAGES = new Set([
  'NextSong',
  'Home',
  'Thumbs Up',
  'Add to Playlist',
  'Logout',
  'Login',
  'Settings',
  'Thumbs Down',
  'Downgrade',
  'Upgrade',
  'Help',
  'About',
  'Add Friend',
  'Roll Advert',
  'Submit Upgrade',
  'Submit Downgrade',
  'Error',
  'Save Settings',
]);
const options = { events: 4000, songs: 200, seed: 7, days: 7, startDate: '2018-11-01' };

let root: string;
let result: GenerateResult;
let events: Record<string, unknown>[];
let files: Awaited<ReturnType<typeof readEventFiles>>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sparkify-generate-'));
  result = await generateSample({ ...options, outDir: join(root, 'a') });
  files = await readEventFiles(join(root, 'a'));
  events = files.flatMap((f) => f.events);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** What is wrong with one event line, or '' (checked without expect() per field: thousands of lines). */
function eventProblem(e: Record<string, unknown>): string {
  const isInt = (v: unknown) => Number.isInteger(v);
  if (Object.keys(e).join(',') !== KEYS) return `keys ${Object.keys(e).join(',')}`;
  if (!PAGES.has(e.page as string)) return `page ${String(e.page)}`;
  if (!['GET', 'PUT'].includes(e.method as string) || ![200, 307, 404].includes(e.status as number)) return 'method/status';
  if (!['free', 'paid'].includes(e.level as string)) return 'level';
  if (!isInt(e.ts) || !isInt(e.sessionId) || !isInt(e.itemInSession) || typeof e.userId !== 'string') return 'ts/sessionId/itemInSession/userId types';
  const song = e.page === 'NextSong';
  if (song !== (typeof e.artist === 'string' && typeof e.song === 'string' && typeof e.length === 'number')) return 'song fields on NextSong';
  if (!song && (e.artist !== null || e.song !== null || e.length !== null)) return 'song fields off NextSong';
  if (e.auth === 'Logged In') {
    if (!/^[1-9]\d*$/.test(e.userId as string) || !['F', 'M'].includes(e.gender as string)) return 'userId/gender';
    if ([e.firstName, e.lastName, e.location, e.userAgent].some((v) => typeof v !== 'string') || !isInt(e.registration)) return 'user fields';
    return '';
  }
  if (!['Logged Out', 'Guest'].includes(e.auth as string)) return `auth ${String(e.auth)}`;
  if (e.userId !== '' || [e.firstName, e.lastName, e.gender, e.registration, e.location, e.userAgent].some((v) => v !== null)) return 'anonymous fields';
  return song ? 'anonymous NextSong' : '';
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const path of await listFiles(dir)) out.set(path, await readFile(join(dir, path), 'utf8'));
  return out;
}

describe('generateSample', () => {
  it('gives byte-identical files for the same options, and different ones for another seed', async () => {
    await generateSample({ ...options, outDir: join(root, 'b') });
    await generateSample({ ...options, seed: 8, outDir: join(root, 'c') });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((d) => snapshot(join(root, d))));
    expect([...(b as Map<string, string>).keys()]).toEqual([...(a as Map<string, string>).keys()]);
    for (const [path, text] of a as Map<string, string>) expect((b as Map<string, string>).get(path), path).toBe(text);
    const dayFile = 'log_data/2018/11/2018-11-03-events.json';
    expect((c as Map<string, string>).get(dayFile)).not.toBe((a as Map<string, string>).get(dayFile));
    expect([...(c as Map<string, string>).keys()].filter((p) => p.startsWith('song_data'))).not.toEqual(
      [...(a as Map<string, string>).keys()].filter((p) => p.startsWith('song_data')),
    );
  });

  it('writes exactly the requested events, one file per day, and the requested songs', async () => {
    expect(events).toHaveLength(options.events);
    expect(result).toMatchObject({ events: 4000, songs: 200, eventFiles: 7, songFiles: 200 });
    expect(files.map((f) => f.path)).toEqual([1, 2, 3, 4, 5, 6, 7].map((d) => `2018/11/2018-11-0${d}-events.json`));
    expect(await listFiles(join(root, 'a', 'song_data'))).toHaveLength(200);
    expect(result.bytes).toBeGreaterThan(4000 * 250);
  });

  it('writes events shaped like the real logs', () => {
    const problems = events.map((e, i) => `${i}: ${eventProblem(e)}`).filter((p) => !p.endsWith(': '));
    expect(problems.slice(0, 5)).toEqual([]);
    const agents = events.map((e) => e.userAgent).filter((a): a is string => typeof a === 'string');
    expect(agents.some((a) => a.startsWith('"Mozilla/5.0') && a.endsWith('"'))).toBe(true);
  });

  it('keeps each file in time order and inside its day', () => {
    const problems: string[] = [];
    for (const { path, events: list } of files) {
      const day = path.slice(8, 18);
      let previous = 0;
      for (const e of list) {
        const ts = e.ts as number;
        if (new Date(ts).toISOString().slice(0, 10) !== day || ts < previous) problems.push(`${path}: ${ts} after ${previous}`);
        previous = ts;
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('numbers items 0, 1, 2… within each session, so (sessionId, itemInSession) is unique', () => {
    const keys = new Set(events.map((e) => `${String(e.sessionId)}:${String(e.itemInSession)}`));
    expect(keys.size).toBe(events.length);
    const items = new Map<number, number[]>();
    for (const e of events) (items.get(e.sessionId as number) ?? items.set(e.sessionId as number, []).get(e.sessionId as number))?.push(e.itemInSession as number);
    for (const list of items.values()) expect(list).toEqual(list.map((_, i) => i));
    expect(items.size).toBeGreaterThan(50);
  });

  it('plays mostly songs, about a matchShare of them from the catalog, exactly as the catalog has them', async () => {
    const plays = events.filter((e) => e.page === 'NextSong');
    expect(plays.length / events.length).toBeGreaterThan(0.75);
    expect(plays.length / events.length).toBeLessThan(0.9);
    const catalog = new Set((await readSongFiles(join(root, 'a'))).flatMap((f) => f.songs).map((s) => JSON.stringify([s.title, s.artist_name, s.duration])));
    const matched = plays.filter((e) => catalog.has(JSON.stringify([e.song, e.artist, e.length])));
    expect(matched.length / plays.length).toBeGreaterThan(0.2);
    expect(matched.length / plays.length).toBeLessThan(0.4);
  });

  it('has logged-out visitors and users whose level changes', () => {
    expect(events.some((e) => e.auth === 'Logged Out' && e.userId === '')).toBe(true);
    const levels = new Map<string, Set<unknown>>();
    for (const e of events) if (e.userId !== '') (levels.get(e.userId as string) ?? levels.set(e.userId as string, new Set()).get(e.userId as string))?.add(e.level);
    expect([...levels.values()].some((s) => s.size === 2)).toBe(true);
    // A Submit Upgrade is logged at the old level; the user's next event is paid.
    const upgrades = events.filter((e) => e.page === 'Submit Upgrade');
    expect(upgrades.length).toBeGreaterThan(0);
    for (const up of upgrades) {
      expect(up.level).toBe('free');
      const next = events.find(
        (e) =>
          e.userId === up.userId &&
          (e.ts as number) >= (up.ts as number) &&
          e !== up &&
          !(e.sessionId === up.sessionId && (e.itemInSession as number) < (up.itemInSession as number)),
      );
      if (next) expect(next.level).toBe('paid');
    }
  });

  it('writes one song a file in the real layout, with about 0.9 artists a song', async () => {
    const songFiles = await readSongFiles(join(root, 'a'));
    const ids = new Set<unknown>();
    for (const { path, text, songs } of songFiles) {
      expect(songs).toHaveLength(1);
      expect(text.endsWith('}')).toBe(true);
      const [a, b, c, name] = path.split('/');
      expect(name).toMatch(/^TR[A-Z0-9]{16}\.json$/);
      expect(`${a}${b}${c}`).toBe(name?.slice(2, 5));
      const song = songs[0] as Record<string, unknown>;
      expect(Object.keys(song).join(',')).toBe('num_songs,artist_id,artist_latitude,artist_longitude,artist_location,artist_name,song_id,title,duration,year');
      expect(song.artist_id).toMatch(/^AR[A-Z0-9]{16}$/);
      expect(song.song_id).toMatch(/^SO[A-Z0-9]{16}$/);
      expect(typeof song.duration === 'number' && typeof song.title === 'string' && Number.isInteger(song.year)).toBe(true);
      ids.add(song.song_id);
    }
    expect(ids.size).toBe(200);
    expect(new Set(songFiles.map((f) => f.songs[0]?.artist_id)).size).toBe(artistCount(200));
  });

  it('puts several songs a file, one a line, when songsPerFile > 1', async () => {
    const dir = join(root, 'multi');
    const multi = await generateSample({ outDir: dir, events: 50, songs: 25, seed: 1, songsPerFile: 10 });
    expect(multi).toMatchObject({ songs: 25, songFiles: 3 });
    const songFiles = await readSongFiles(dir);
    expect(songFiles.map((f) => f.songs.length).sort()).toEqual([10, 10, 5]);
    for (const f of songFiles) expect(f.text.endsWith('}\n')).toBe(true);
  });

  it('refuses an output folder that already holds data, and bad options', async () => {
    const error = await generateSample({ ...options, outDir: join(root, 'a') }).catch((e: unknown) => e);
    expect(isSparkifyError(error) && error.code === 'USAGE').toBe(true);
    await expect(generateSample({ ...options, events: 0, outDir: join(root, 'd') })).rejects.toThrow(/events must be an integer/);
    await expect(generateSample({ ...options, startDate: '2018-02-30', outDir: join(root, 'd') })).rejects.toThrow(/YYYY-MM-DD/);
  });
});

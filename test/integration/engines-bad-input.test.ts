import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromSettings, runPipeline, withWarehouse, type RunSummary } from '../../src/index.js';
import type { Row } from '../../src/engines/warehouse.js';
import { engines, withEngineSettings } from '../helpers/engines.js';
import { songRecord } from '../helpers/records.js';

/*
 * One source holding every kind of bad input, one file per case, loaded once per engine;
 * each test checks its file: what was rejected (line, reason) and that its good records arrived.
 */

let session = 100;
/** A valid NextSong event; `over` replaces or (with undefined) removes keys. */
function event(over: Record<string, unknown> = {}): Record<string, unknown> {
  session += 1;
  const base: Record<string, unknown> = {
    artist: 'Artist',
    auth: 'Logged In',
    firstName: 'Ada',
    gender: 'F',
    itemInSession: 0,
    lastName: 'Lovelace',
    length: 200.5,
    level: 'free',
    location: 'London',
    method: 'PUT',
    page: 'NextSong',
    registration: 1540000000000.0,
    sessionId: session,
    song: 'Song',
    status: 200,
    ts: 1541000000000 + session * 1000,
    userAgent: 'Mozilla/5.0',
    userId: '7',
  };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

const line = (record: unknown) => JSON.stringify(record);

const song = (id: string, title: string) => songRecord({ artist_id: `AR${id}`, artist_name: `Artist ${id}`, song_id: `SO${id}`, title });

/** Strings COPY text must escape, and look-alikes it must not touch. */
const tricky = {
  artist: 'Tab\there',
  song: 'line one\nline two',
  location: 'C:\\music\\new',
  userAgent: 'ends with CR\r',
  lastName: '\\N',
  firstName: '',
  gender: 'Zoë 音楽 🎵',
};

const files: Record<string, string | Buffer> = {
  'log_data/malformed.json': `${[line(event()), '{"artist": "x", broken', line(event())].join('\n')}\n`,
  'log_data/not-object.json': `${[line(event()), '[1, 2, 3]', '42', '"text"', line(event())].join('\n')}\n`,
  'log_data/missing-required.json': `${[line(event({ sessionId: undefined })), line(event()), line(event({ page: null }))].join('\n')}\n`,
  'log_data/wrong-type.json': `${[line(event({ itemInSession: 'x' })), line(event({ ts: 1.5 })), line(event()), line(event({ userId: true }))].join('\n')}\n`,
  'log_data/bom.json': `\uFEFF${line(event())}\n${line(event())}\n`,
  'log_data/crlf.json': `${line(event({ userAgent: 'crlf agent' }))}\r\n${line(event())}\r\n`,
  'log_data/blank-lines.json': `\n${line(event())}\n\n   \n${line(event())}\n{bad\n\n`,
  'log_data/gzipped.json.gz': gzipSync(`${line(event())}\n${line(event({ page: 'Home' }))}\n`),
  'log_data/empty.json': '',
  'log_data/truncated.json': `${line(event())}\n${line(event()).slice(0, 60)}`,
  'log_data/tricky.json': `${line(event({ ...tricky, sessionId: 9999, itemInSession: 1 }))}\n`,
  'log_data/not-json.json': 'This file is not JSON at all.\nIt is a note someone saved here.\n',
  'log_data/invalid-utf8.json': Buffer.concat([
    Buffer.from(`${line(event())}\n{"page": "NextSong", "song": "bad `),
    Buffer.from([0xff, 0xfe]),
    Buffer.from(`", "sessionId": 8888, "itemInSession": 1, "ts": 1541105830796}\n`),
  ]),
  'log_data/big-record.json': `${line(event({ userAgent: 'x'.repeat(5 * 1024 * 1024) }))}\n`,
  // Number tokens JSON does not have, which DuckDB's reader takes: each line is rejected, not loaded.
  'log_data/non-json-numbers.json': `${[
    line(event()).replace(/"length":[^,]+/, '"length":NaN'),
    line(event()).replace(/"ts":[^,]+/, '"ts":Infinity'),
    line(event()).replace(/"sessionId":[^,]+/, '"sessionId":-Infinity'),
    line(event()).replace(/"userId":[^,}]+/, '"userId":nan'),
    line(event()),
  ].join('\n')}\n`,
  'song_data/A/pretty.json': `${JSON.stringify(song('P1', 'Pretty One'), null, 2)}\n${JSON.stringify(song('P2', 'Pretty Two'), null, 4)}\n`,
  'song_data/A/plain.json': line(song('S1', 'Plain')),
  'song_data/A/bad.json': '{"song_id": "SOBAD", "title": ',
  'song_data/A/missing-id.json': line({ ...song('M1', 'No id'), song_id: undefined }),
};

/** Good event records per file, i.e. rows that must reach staging_events. */
const goodEvents: Record<string, number> = {
  'malformed.json': 2,
  'not-object.json': 2,
  'missing-required.json': 1,
  'wrong-type.json': 1,
  'bom.json': 2,
  'crlf.json': 2,
  'blank-lines.json': 2,
  'gzipped.json.gz': 2,
  'empty.json': 0,
  'truncated.json': 1,
  'tricky.json': 1,
  'not-json.json': 0,
  // Invalid bytes are loaded as U+FFFD, as Redshift's ACCEPTINVCHARS does, rather than lose the record.
  'invalid-utf8.json': 2,
  'big-record.json': 1,
  'non-json-numbers.json': 1,
};

const anyMalformed = expect.stringMatching(/^malformed JSON|invalid UTF-8/);

/** load_errors expected per file: [line, reason]. */
const expectedRejects: Record<string, [number | null, unknown][]> = {
  'log_data/malformed.json': [[2, anyMalformed]],
  'log_data/not-object.json': [
    [2, 'not a JSON object (got array)'],
    [3, 'not a JSON object (got number)'],
    [4, 'not a JSON object (got string)'],
  ],
  'log_data/missing-required.json': [
    [1, 'required field "sessionId" is missing or null'],
    [3, 'required field "page" is missing or null'],
  ],
  'log_data/wrong-type.json': [
    [1, 'field "itemInSession" must be a 32-bit integer, got string "x"'],
    [2, 'field "ts" must be an integer of epoch milliseconds (years 1 to 9999), got number 1.5'],
    [4, 'field "userId" must be a string or an integer, got boolean true'],
  ],
  'log_data/non-json-numbers.json': [
    [1, anyMalformed],
    [2, anyMalformed],
    [3, anyMalformed],
    [4, anyMalformed],
  ],
  'log_data/blank-lines.json': [[6, anyMalformed]],
  'log_data/truncated.json': [[2, anyMalformed]],
  'log_data/not-json.json': [
    [1, anyMalformed],
    [2, anyMalformed],
  ],
  'song_data/A/bad.json': [[1, anyMalformed]],
  'song_data/A/missing-id.json': [[1, 'required field "song_id" is missing or null']],
};

interface Loaded {
  summary: RunSummary;
  rejects: Row[];
  stagedPerFile: Map<string, number>;
  trickyRow: Row | undefined;
  songs: Row[];
  crlfAgents: Row[];
}

const source = mkdtempSync(join(tmpdir(), 'sparkify-bad-input-'));
afterAll(() => rmSync(source, { recursive: true, force: true }));
for (const [name, content] of Object.entries(files)) {
  mkdirSync(join(source, name, '..'), { recursive: true });
  writeFileSync(join(source, name), content);
}
const relative = (path: unknown) => String(path).slice(source.length + 1);

describe.each(engines)('bad input on %s', (engine) => {
  let loaded: Loaded;

  beforeAll(async () => {
    loaded = await withEngineSettings(engine, async (settings) => {
      // Kept so the staged rows can be read after the run (DuckDB stages into temporary tables otherwise).
      const summary = await runPipeline({ ...settings, source, keepStaging: true });
      return withWarehouse(configFromSettings(settings), async (w) => {
        const s = `"${w.schema}"`;
        const rejects = await w.query(`SELECT kind, source_file, line_number, reason, raw_line FROM ${s}.load_errors ORDER BY source_file, line_number`);
        const perFile = await w.query(`SELECT source_file, COUNT(*) AS n FROM ${s}.staging_events GROUP BY source_file`);
        const [trickyRow] = await w.query(`SELECT artist, song, location, user_agent, last_name, first_name, gender FROM ${s}.staging_events WHERE session_id = 9999`);
        const songs = await w.query(`SELECT song_id, title FROM ${s}.songs ORDER BY song_id`);
        const crlfAgents = await w.query(`SELECT DISTINCT user_agent FROM ${s}.staging_events WHERE source_file LIKE '%crlf.json'`);
        return { summary, rejects, stagedPerFile: new Map(perFile.map((r) => [relative(r.source_file), Number(r.n)])), trickyRow, songs, crlfAgents };
      });
    });
  });

  it('keeps every good record and counts the rejects', () => {
    const good = Object.values(goodEvents).reduce((a, b) => a + b, 0);
    expect(loaded.summary.tables.staging_events).toBe(good);
    expect(loaded.summary.tables.staging_songs).toBe(3);
    expect(loaded.summary.rejects).toEqual({ events: 17, songs: 2 });
    expect(loaded.summary.checks.every((c) => c.ok)).toBe(true);
    for (const [file, n] of Object.entries(goodEvents)) expect(loaded.stagedPerFile.get(`log_data/${file}`) ?? 0, file).toBe(n);
  });

  it.each(Object.keys(expectedRejects))('records the rejects of %s with line and reason', (file) => {
    const got = loaded.rejects.filter((r) => relative(r.source_file) === file).map((r) => [r.line_number, r.reason]);
    expect(got).toEqual(expectedRejects[file]);
  });

  it('rejects nothing else, and keeps the raw text of each reject', () => {
    const files = new Set(loaded.rejects.map((r) => relative(r.source_file)));
    expect([...files].sort()).toEqual(Object.keys(expectedRejects).sort());
    expect(loaded.rejects.every((r) => typeof r.raw_line === 'string' && r.raw_line.length > 0)).toBe(true);
    expect(loaded.rejects.find((r) => relative(r.source_file) === 'log_data/not-object.json')?.raw_line).toBe('[1, 2, 3]');
  });

  it('reads BOM, CRLF, blank lines, gzip and empty files without losing or inventing records', () => {
    for (const file of ['bom.json', 'crlf.json', 'blank-lines.json', 'gzipped.json.gz']) expect(loaded.stagedPerFile.get(`log_data/${file}`), file).toBe(2);
    expect(loaded.stagedPerFile.has('log_data/empty.json')).toBe(false);
    expect(loaded.crlfAgents.map((r) => r.user_agent).sort()).toEqual(['Mozilla/5.0', 'crlf agent']);
  });

  it('loads every object of a pretty-printed multi-object song file', () => {
    expect(loaded.songs).toEqual([
      { song_id: 'SOP1', title: 'Pretty One' },
      { song_id: 'SOP2', title: 'Pretty Two' },
      { song_id: 'SOS1', title: 'Plain' },
    ]);
  });

  it('keeps tabs, newlines, backslashes, CR, "\\N", empty and non-ASCII text exactly', () => {
    expect(loaded.trickyRow).toEqual({
      artist: tricky.artist,
      song: tricky.song,
      location: tricky.location,
      user_agent: tricky.userAgent,
      last_name: tricky.lastName,
      first_name: tricky.firstName,
      gender: tricky.gender,
    });
  });
});

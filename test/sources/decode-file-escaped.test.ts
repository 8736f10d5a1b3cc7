import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFile, type DecodedRecord } from '../../src/sources/decode-file.js';
import { listLocalFiles } from '../../src/sources/local-source.js';
import { sampleAvailable, udacitySample } from '../helpers/sample.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-escaped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const needsCopyEscape = /[\\\t\n\r\0]/;

async function records(kind: 'events' | 'songs', path: string): Promise<DecodedRecord[]> {
  const out: DecodedRecord[] = [];
  for await (const record of decodeFile(kind, path, () => undefined)) out.push(record);
  return out;
}

/** The property COPY's encoder leans on: a record not marked escaped has no text that needs an escape. */
function expectUnescapedClean(found: DecodedRecord[]): void {
  for (const record of found) {
    if (!record.escaped)
      expect(
        record.values.some((v) => typeof v === 'string' && needsCopyEscape.test(v)),
        `line ${record.line}`,
      ).toBe(false);
  }
}

describe('a decoded record says whether its line holds an escape', () => {
  it('is marked where a value holds a tab, newline, backslash or NUL, and only where the line has a backslash', async () => {
    const event = (over: Record<string, unknown>) => JSON.stringify({ page: 'NextSong', sessionId: 1, itemInSession: 0, ts: 1541106106796, ...over });
    const file = join(dir, 'events.json');
    writeFileSync(
      file,
      [event({ song: 'plain' }), event({ song: 'tab\there' }), event({ song: 'back\\slash' }), event({ artist: 'line\nbreak' }), event({ song: 'é "quoted"' })].join('\n'),
    );
    const found = await records('events', file);
    expect(found.map((r) => r.escaped)).toEqual([false, true, true, true, true]);
    expectUnescapedClean(found);
  });

  it.skipIf(!sampleAvailable())('holds on the real sample', async () => {
    for (const file of await listLocalFiles(join(udacitySample, 'log_data'))) expectUnescapedClean(await records('events', file.path));
    for (const file of await listLocalFiles(join(udacitySample, 'song_data'))) expectUnescapedClean(await records('songs', file.path));
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstRecordHasKnownKeys } from '../../src/engines/duckdb/first-record-keys.js';
import { eventFields } from '../../src/schema/record-fields.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-first-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const known = Object.fromEntries(eventFields.map((f) => [f.key, null]));
const { ts: _ts, ...withoutTs } = known;

describe('whether the reader can check keys from a file’s first record', () => {
  it.each([
    ['exactly the known keys, in any order', true, `${JSON.stringify(Object.fromEntries(Object.entries(known).reverse()))}\n{"other":1}\n`],
    ['the only line, without a newline', true, JSON.stringify(known)],
    ['one key more', false, `${JSON.stringify({ ...known, sessionLength: 1 })}\n`],
    ['one key missing', false, `${JSON.stringify(withoutTs)}\n`],
    ['a blank first line', false, `\n${JSON.stringify(known)}\n`],
    ['not JSON', false, `{"artist": \n`],
    ['an array', false, `[${JSON.stringify(known)}]\n`],
    ['a first line longer than the part read', false, `${JSON.stringify({ ...known, artist: 'x'.repeat(70_000) })}\n`],
  ])('%s: %s', (name, expected, text) => {
    const path = join(dir, `${name.replaceAll(/\W+/g, '-')}.json`);
    writeFileSync(path, text);
    expect(firstRecordHasKnownKeys('events', path)).toBe(expected);
  });

  it('a file that cannot be read: no (the reader reports it)', () => {
    expect(firstRecordHasKnownKeys('events', join(dir, 'missing.json'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { eventFields, songFields } from '../../src/schema/record-fields.js';
import { decodeRecord } from '../../src/sources/decode-record.js';

const event = {
  artist: "Des'ree",
  auth: 'Logged In',
  firstName: 'Kaylee',
  gender: 'F',
  itemInSession: 1,
  lastName: 'Summers',
  length: 246.30812,
  level: 'free',
  location: 'Phoenix-Mesa-Scottsdale, AZ',
  method: 'PUT',
  page: 'NextSong',
  registration: 1540344794796.0,
  sessionId: 139,
  song: 'You Gotta Be',
  status: 200,
  ts: 1541106106796,
  userAgent: 'Mozilla/5.0',
  userId: '8',
};

describe('record decoder', () => {
  it('accepts a real event and maps fields in column order', () => {
    const result = decodeRecord(event, eventFields);
    expect(result).toEqual({ ok: true, values: eventFields.map((f) => (event as Record<string, unknown>)[f.key]), present: eventFields.length });
  });

  it('ignores unknown fields and takes missing optional fields as null', () => {
    const { song: _song, ...rest } = event;
    const result = decodeRecord({ ...rest, extra: { nested: true } }, eventFields);
    expect(result.ok && result.values[eventFields.findIndex((f) => f.key === 'song')]).toBeNull();
  });

  it.each([
    [[1, 2], 'not a JSON object (got array)'],
    ['text', 'not a JSON object (got string)'],
    [{ ...event, ts: undefined }, 'required field "ts" is missing or null'],
    [{ ...event, sessionId: null }, 'required field "sessionId" is missing or null'],
    [{ ...event, page: '' }, 'required field "page" is empty'],
    [{ ...event, sessionId: 'abc' }, 'field "sessionId" must be a 32-bit integer, got string "abc"'],
    [{ ...event, itemInSession: 1.5 }, 'field "itemInSession" must be a 32-bit integer, got number 1.5'],
    [{ ...event, length: '12.5' }, 'field "length" must be a number, got string "12.5"'],
    [{ ...event, artist: { name: 'x' } }, 'field "artist" must be a string, got object {"name":"x"}'],
    [{ ...event, userId: true }, 'field "userId" must be a string or an integer, got boolean true'],
    [{ ...event, song: 'a\u0000b' }, 'field "song" must be a string without NUL characters, got string "a\\u0000b"'],
  ])('rejects %# with a reason', (input, reason) => {
    expect(decodeRecord(input, eventFields)).toEqual({ ok: false, reason });
  });

  it('takes an integer userId as its text', () => {
    const result = decodeRecord({ ...event, userId: 39 }, eventFields);
    expect(result.ok && result.values[eventFields.length - 1]).toBe('39');
  });

  it('requires song_id and artist_id on songs', () => {
    expect(decodeRecord({ song_id: 'S1', title: 't' }, songFields)).toEqual({ ok: false, reason: 'required field "artist_id" is missing or null' });
  });
});

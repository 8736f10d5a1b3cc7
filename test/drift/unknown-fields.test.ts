import { describe, expect, it } from 'vitest';
import { eventFields } from '../../src/schema/record-fields.js';
import { decodeRecord } from '../../src/sources/decode-record.js';
import { FileSightings, noteUnknownKeys } from '../../src/sources/unknown-fields.js';

const note = (record: Record<string, unknown>, line: number, into: FileSightings) => {
  const result = decodeRecord(record, eventFields);
  if (!result.ok) throw new Error(result.reason);
  noteUnknownKeys(record, eventFields, result.present, line, into);
};

describe('spotting keys no column takes', () => {
  it('counts unknown keys per field with their first line, even when a known key is missing in the same record', () => {
    const sightings = new FileSightings();
    const base = { page: 'Home', sessionId: 1, itemInSession: 1, ts: 1541105830796 };
    note(base, 1, sightings);
    expect(sightings.list()).toBeUndefined();
    note({ ...base, sessionLength: 3 }, 2, sightings);
    // As many keys as a full record (a known one missing, an unknown one present): still seen.
    note({ ...base, sessionLength: 4, userAgentHints: 'x' }, 5, sightings);
    expect(sightings.list()).toEqual([
      { field: 'sessionLength', records: 2, firstLine: 2 },
      { field: 'userAgentHints', records: 1, firstLine: 5 },
    ]);
  });
});

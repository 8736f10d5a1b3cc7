import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RawRecord, readRawRecordBatches } from '../../src/sources/read-records.js';

const dir = mkdtempSync(join(tmpdir(), 'sparkify-read-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function records(path: string, bytes?: Buffer): Promise<RawRecord[]> {
  const found: RawRecord[] = [];
  for await (const batch of readRawRecordBatches('events', path, bytes && Promise.resolve(bytes)))
    batch.forEach((record) => {
      found.push(record);
    });
  return found;
}

describe('event lines of a file read ahead', () => {
  it.each([
    ['BOM, CRLF, blank lines and no final newline', '\uFEFF{"a":1}\r\n\r\n  \n{"b":"é"}\r\n{"c":3}'],
    ['a final newline', '{"a":1}\n{"b":2}\n'],
    ['one line without newline', '{"a":"🎵"}'],
    ['nothing', ''],
  ])('are the lines a streamed read finds: %s', async (_, content) => {
    const path = join(dir, `${content.length}.json`);
    writeFileSync(path, content);
    const streamed = await records(path);
    expect(await records(path, readFileSync(path))).toEqual(streamed);
    expect(streamed.map((r) => r.text)).toEqual(
      content
        .replace(/^\uFEFF/, '')
        .split('\n')
        .map((line) => line.replace(/\r$/, ''))
        .filter((line) => line.trim() !== ''),
    );
  });

  it('keeps each line number', async () => {
    const path = join(dir, 'numbers.json');
    writeFileSync(path, '{"a":1}\n\n{"b":2}\r\n\n\n{"c":3}');
    expect((await records(path, readFileSync(path))).map((r) => r.line)).toEqual([1, 3, 6]);
  });
});

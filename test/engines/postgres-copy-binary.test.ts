import { describe, expect, it } from 'vitest';
import { BinaryRowWriter, binaryCopyHeader, binaryCopyTrailer } from '../../src/engines/postgres/copy-binary.js';
import { eventFields, type RecordField } from '../../src/schema/record-fields.js';
import type { RecordValues } from '../../src/sources/decode-record.js';
import { readBinaryRows } from '../helpers/binary-copy-rows.js';

const fields: RecordField[] = [
  { key: 's', column: 's', kind: 'string' },
  { key: 'i', column: 'i', kind: 'integer' },
  { key: 'n', column: 'n', kind: 'number' },
  { key: 't', column: 't', kind: 'epoch_ms' },
  { key: 'u', column: 'u', kind: 'id' },
];
const source = Buffer.from('/data/é.json');

/** Writes rows one by one: the chunks handed out, then the remainder. */
function chunksOf(rows: RecordValues[], writer: BinaryRowWriter): Buffer[] {
  const chunks: Buffer[] = [];
  for (const row of rows) {
    const chunk = writer.write(row, source);
    if (chunk) chunks.push(chunk);
  }
  const last = writer.flush();
  if (last) chunks.push(last);
  return chunks;
}

const written = (rows: RecordValues[]) => Buffer.concat(chunksOf(rows, new BinaryRowWriter(fields)));

/** PostgreSQL's TIMESTAMP: microseconds since 2000-01-01 UTC, computed exactly. */
const postgresMicros = (ms: number) => (BigInt(ms) - BigInt(Date.UTC(2000, 0, 1))) * 1000n;

describe('binary COPY rows', () => {
  it('frames the stream with the signature, zero flags and header extension, and the -1 trailer', () => {
    expect(binaryCopyHeader).toEqual(Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(binaryCopyTrailer.readInt16BE(0)).toBe(-1);
  });

  it('writes each field in its type wire form, NULL as length -1 and source_file last', () => {
    const [row] = readBinaryRows(written([['Tab\tand é 🎵', -7, 1.5, 0, '42']]));
    expect(row).toHaveLength(fields.length + 1);
    expect(row![0]!.toString('utf8')).toBe('Tab\tand é 🎵');
    expect(row![0]!.length).toBe(Buffer.byteLength('Tab\tand é 🎵'));
    expect(row![1]!.readInt32BE(0)).toBe(-7);
    expect(row![2]!.readDoubleBE(0)).toBe(1.5);
    expect(row![3]!.readBigInt64BE(0)).toBe(postgresMicros(0));
    expect(row![4]!.toString()).toBe('42');
    expect(row![5]!.toString()).toBe('/data/é.json');
    const [empty] = readBinaryRows(written([[null, null, null, null, '']]));
    expect(empty!.slice(0, 4)).toEqual([null, null, null, null]);
    expect(empty![4]).toEqual(Buffer.alloc(0));
  });

  it('writes timestamps exactly across eras, including years 1 and 9999 and values past 2^53 microseconds', () => {
    const samples = [
      0, -1, 1, 946_684_800_000, 946_684_799_999, 946_684_800_001, 1_541_105_830_796, -62_135_596_800_000, 253_402_300_799_999, 4_294_967_295, 4_294_967_296, -4_294_967_296,
    ];
    for (let i = 0; i < 5_000; i++) samples.push(Math.round(-62_135_596_800_000 + Math.random() * (253_402_300_799_999 + 62_135_596_800_000)));
    const rows = readBinaryRows(written(samples.map((ms) => [null, null, null, ms, null])));
    expect(rows.map((row) => row[3]!.readBigInt64BE(0))).toEqual(samples.map(postgresMicros));
  });

  it('keeps the full range of 32-bit integers and doubles', () => {
    const rows = readBinaryRows(
      written([
        [null, 2_147_483_647, Number.MAX_VALUE, null, null],
        [null, -2_147_483_648, -0.1, null, null],
      ]),
    );
    expect(rows.map((row) => [row[1]!.readInt32BE(0), row[2]!.readDoubleBE(0)])).toEqual([
      [2_147_483_647, Number.MAX_VALUE],
      [-2_147_483_648, -0.1],
    ]);
  });

  it('hands out chunks of whole rows, and grows for a value longer than a chunk', () => {
    const writer = new BinaryRowWriter(eventFields);
    const long = 'ü'.repeat(200_000);
    const rows: RecordValues[] = [];
    for (let i = 0; i < 3_000; i++)
      rows.push(eventFields.map((f) => (f.kind === 'epoch_ms' ? 1_541_105_830_796 + i : f.kind === 'integer' ? i : f.kind === 'number' ? i / 3 : i === 1_500 ? long : `v${i}`)));
    const chunks = chunksOf(rows, writer);
    expect(chunks.length).toBeGreaterThan(3);
    const decoded = chunks.flatMap((chunk) => {
      // Each chunk is the only view of its memory, so a worker can transfer it.
      expect(chunk.byteOffset).toBe(0);
      expect(chunk.buffer.byteLength).toBeGreaterThanOrEqual(chunk.length);
      return readBinaryRows(chunk);
    });
    expect(decoded).toHaveLength(3_000);
    expect(decoded[1_500]![0]!.toString()).toBe(long);
    expect(decoded[2_999]![0]!.toString()).toBe('v2999');
    expect(writer.flush()).toBeUndefined();
  });
});

import type { RecordField } from '../../schema/record-fields.js';
import type { RecordValues } from '../../sources/decode-record.js';

/*
 * Rows in PostgreSQL's binary COPY format: a header, then per row a 16-bit column count
 * and per column a 32-bit byte length (-1 for NULL) and the value in the type's wire form,
 * then a trailer. The server reads it in about a third less time than COPY text (no parsing of
 * numbers, dates or escapes), and writing it costs the client less than text does.
 * The record rules already refuse what PostgreSQL cannot store (NUL in text, timestamps
 * outside years 1–9999), so every decoded record can be written.
 */

export const binaryCopyHeader = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
export const binaryCopyTrailer = Buffer.from([0xff, 0xff]);

/** 2000-01-01 UTC, from which PostgreSQL counts a TIMESTAMP's microseconds, in epoch ms. */
const postgresEpochMs = 946_684_800_000;
const twoTo32 = 4_294_967_296;

/** How a field is written: TEXT, INTEGER, DOUBLE PRECISION or TIMESTAMP. */
const Kind = { Text: 0, Int32: 1, Float64: 2, Timestamp: 3 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

function kindOf(field: RecordField): Kind {
  switch (field.kind) {
    case 'string':
    case 'id':
      return Kind.Text;
    case 'integer':
      return Kind.Int32;
    case 'number':
      return Kind.Float64;
    case 'epoch_ms':
      return Kind.Timestamp;
  }
}

/** Below this length, copying ASCII text byte by byte beats a call into Buffer#write (encoding 1 M events: 2.4 → 0.7 s). */
const shortText = 48;

/** Writes `value` at `at` if it is all ASCII, returning its length; 0 (nothing written, or empty) otherwise. */
function writeAscii(buffer: Buffer, value: string, at: number): number {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x80) return 0;
    buffer[at + i] = code;
  }
  return value.length;
}

/** Rows gathered before a chunk is handed on: few writes to the socket, bounded memory. */
const chunkBytes = 1 << 16;

/**
 * Writes decoded records of one kind as binary COPY rows (the staging columns in field
 * order, then source_file) into chunks of whole rows, each chunk the sole view of its own
 * memory, so a worker can hand it over without a copy.
 */
export class BinaryRowWriter {
  private readonly kinds: Kind[];
  private buffer = Buffer.allocUnsafeSlow(2 * chunkBytes);
  private at = 0;

  constructor(fields: RecordField[]) {
    this.kinds = fields.map(kindOf);
  }

  /** Appends one row; returns a full chunk when there is one. */
  write(values: RecordValues, sourceFile: Buffer): Buffer | undefined {
    const kinds = this.kinds;
    this.reserve(2);
    this.at = this.buffer.writeInt16BE(kinds.length + 1, this.at);
    for (let i = 0; i < kinds.length; i++) {
      const value = values[i];
      if (value === null || value === undefined) {
        this.reserve(4);
        this.at = this.buffer.writeInt32BE(-1, this.at);
      } else if (kinds[i] === Kind.Text) this.text(value as string);
      else if (kinds[i] === Kind.Int32) this.int32(value as number);
      else if (kinds[i] === Kind.Float64) this.float64(value as number);
      else this.timestamp(value as number);
    }
    this.reserve(4 + sourceFile.length);
    this.at = this.buffer.writeInt32BE(sourceFile.length, this.at);
    this.buffer.set(sourceFile, this.at);
    this.at += sourceFile.length;
    return this.at >= chunkBytes ? this.take() : undefined;
  }

  /** The rows written since the last chunk, if any. */
  flush(): Buffer | undefined {
    return this.at > 0 ? this.take() : undefined;
  }

  private text(value: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.reserve(4 + 3 * value.length);
    const length = (value.length < shortText && writeAscii(this.buffer, value, this.at + 4)) || this.buffer.write(value, this.at + 4);
    this.buffer.writeInt32BE(length, this.at);
    this.at += 4 + length;
  }

  private int32(value: number): void {
    this.reserve(8);
    this.buffer.writeInt32BE(4, this.at);
    this.at = this.buffer.writeInt32BE(value, this.at + 4);
  }

  private float64(value: number): void {
    this.reserve(12);
    this.buffer.writeInt32BE(8, this.at);
    this.at = this.buffer.writeDoubleBE(value, this.at + 4);
  }

  /** Microseconds since 2000-01-01 as a signed 64-bit integer, built from 32-bit halves: the product can pass 2^53. */
  private timestamp(epochMs: number): void {
    this.reserve(12);
    const ms = epochMs - postgresEpochMs;
    const highMs = Math.floor(ms / twoTo32);
    const lowMicros = (ms - highMs * twoTo32) * 1000;
    const carry = Math.floor(lowMicros / twoTo32);
    this.buffer.writeInt32BE(8, this.at);
    this.buffer.writeInt32BE(highMs * 1000 + carry, this.at + 4);
    this.at = this.buffer.writeUInt32BE(lowMicros - carry * twoTo32, this.at + 8);
  }

  /** Room for `bytes` more: a long value grows the buffer, keeping the row begun in it. */
  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  private take(): Buffer {
    const chunk = this.buffer.subarray(0, this.at);
    this.buffer = Buffer.allocUnsafeSlow(2 * chunkBytes);
    this.at = 0;
    return chunk;
  }
}

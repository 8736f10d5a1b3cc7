import { open, type FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;

/**
 * A file written in 1 MB chunks through two alternating buffers: while the disk takes one,
 * the caller fills the other. Memory stays at 2 MB whatever the file size, and the caller
 * waits only when both buffers are busy (backpressure).
 */
export class ChunkedFile {
  private readonly buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
  private current: Buffer;
  private used = 0;
  private pending: Promise<void> = Promise.resolve();
  /** Bytes handed to `append` so far. */
  bytes = 0;

  private constructor(private readonly handle: FileHandle) {
    this.current = this.buffers[0] as Buffer;
  }

  static async create(path: string): Promise<ChunkedFile> {
    return new ChunkedFile(await open(path, 'w'));
  }

  /** Adds text; returns true when the chunk is full and the caller should `await flush()`. */
  append(text: string): boolean {
    const written = this.current.write(text, this.used);
    this.used += written;
    this.bytes += written;
    // A UTF-16 unit never takes more than 3 UTF-8 bytes, so this guarantees room for the next line of the same size.
    return this.used + text.length * 3 + 4096 > CHUNK_BYTES;
  }

  /** Starts writing the current chunk, after the previous one is on disk. */
  async flush(): Promise<void> {
    await this.pending;
    if (this.used === 0) return;
    const written = this.writeAll(this.current.subarray(0, this.used));
    written.catch(() => undefined); // Seen by the next flush or close; this only keeps Node from calling it unhandled meanwhile.
    this.pending = written;
    this.current = (this.current === this.buffers[0] ? this.buffers[1] : this.buffers[0]) as Buffer;
    this.used = 0;
  }

  async close(): Promise<void> {
    try {
      await this.flush();
      await this.pending;
    } finally {
      await this.handle.close();
    }
  }

  private async writeAll(data: Buffer): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await this.handle.write(data, offset, data.length - offset);
      offset += bytesWritten;
    }
  }
}

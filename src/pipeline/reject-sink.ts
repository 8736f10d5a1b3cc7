import type { Warehouse } from '../engines/warehouse.js';
import type { Reject } from '../sources/source-file.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';

const batchSize = 500;

/** Collects rejects and writes them to load_errors in batches, so memory stays bounded. */
export class RejectSink {
  readonly counts = { events: 0, songs: 0 };
  private pending: Reject[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly warehouse: Warehouse,
    private readonly runId: string,
  ) {}

  readonly add = (reject: Reject): void => {
    this.counts[reject.kind] += 1;
    this.pending.push(reject);
    if (this.pending.length >= batchSize) this.writing = this.writing.then(() => this.write());
  };

  get total(): number {
    return this.counts.events + this.counts.songs;
  }

  async flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    await this.writing;
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const params = batch.flatMap((r) => [this.runId, r.kind, r.file, r.line, r.reason, r.raw]);
    await this.warehouse.run(bookkeepingSql(this.warehouse.schema).rejects.insert(batch.length), params);
  }
}

/** Measures named phases of a run in whole milliseconds. */
export class PhaseTimer {
  readonly timings: Record<string, number> = {};
  private readonly started = performance.now();

  async time<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.timings[phase] = Math.round(performance.now() - start);
    }
  }

  finish(): Record<string, number> {
    this.timings.total = Math.round(performance.now() - this.started);
    return this.timings;
  }
}

import type { Random } from './random.js';
import type { TimeFrame } from './time-frame.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

// Relative listening by UTC hour: quiet nights, busy afternoons and evenings.
const RAW = [0.7, 0.6, 0.5, 0.4, 0.35, 0.3, 0.3, 0.35, 0.45, 0.6, 0.75, 0.9, 1.05, 1.2, 1.3, 1.45, 1.6, 1.65, 1.6, 1.5, 1.35, 1.15, 0.95, 0.8];
const MEAN = RAW.reduce((a, b) => a + b, 0) / RAW.length;
const HOURLY = RAW.map((w) => w / MEAN);

/**
 * When sessions start. The rate steers itself: each gap is drawn from the events still to
 * plan and the time still left, so the requested number of events fills the whole frame
 * whatever the session lengths turn out to be. Times stay on the frame's whole-second grid.
 */
export class Arrivals {
  /** Exact time of the last arrival; what `next` returns is this floored to the grid, so gaps carry no rounding bias. */
  private last: number;

  constructor(private readonly frame: TimeFrame) {
    this.last = frame.startMs;
  }

  next(rng: Random, eventsLeft: number, meanSessionLength: number): number {
    const { startMs, endMs, marginMs } = this.frame;
    const windowEnd = endMs - marginMs;
    let gap: number;
    if (this.last < windowEnd) {
      const sessionsLeft = Math.max(1, eventsLeft / meanSessionLength);
      const hour = Math.floor(((this.last - startMs) % DAY_MS) / HOUR_MS);
      gap = rng.exponential((windowEnd - this.last) / sessionsLeft / (HOURLY[hour] as number));
      if (this.last + gap > windowEnd) gap = rng.next() * (windowEnd - this.last);
    } else {
      // Sessions ran shorter than planned: fit what is left into the margin.
      gap = rng.next() * 0.5 * (endMs - 1000 - this.last);
    }
    this.last += Math.max(0, gap);
    return startMs + Math.floor((this.last - startMs) / 1000) * 1000 + this.frame.msOffset;
  }
}

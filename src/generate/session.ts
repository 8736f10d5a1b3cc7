import type { LineParts } from './event-line.js';
import type { Page } from './pages.js';
import { Random } from './random.js';

export const LOGGED_IN = 0;
export const LOGGED_OUT = 1;
export const GUEST = 2;

/** One visit to the app: a run of events with one sessionId, played out an event at a time. */
export class Session {
  /** itemInSession of the next event. */
  item = 0;
  previous: Page | null = null;

  constructor(
    readonly id: number,
    /** Index of the user, or -1 for a guest. */
    readonly user: number,
    /** Events this session still has to emit. */
    public remaining: number,
    /** ts of the next event. */
    public nextTs: number,
    public state: number,
    readonly loggedIn: LineParts | null,
    readonly anonymous: LineParts,
  ) {}
}

/** Events in a listener's session: log-normal, median about 12, a few run to hundreds. */
export function sessionLength(rng: Random): number {
  return Math.min(300, 1 + Math.floor(Math.exp(2.4 + rng.normal())));
}

/** Events in a guest's visit: one to four pages. */
export function guestSessionLength(rng: Random): number {
  return 1 + rng.int(4);
}

let cachedMeanSessionLength: number | undefined;

/**
 * Mean of `sessionLength`, estimated with a fixed stream so it is the same on every run; on
 * first use, not at import (3 ms that every library user would pay, generating or not).
 */
export function meanSessionLength(): number {
  if (cachedMeanSessionLength === undefined) {
    const rng = new Random(0x5e55);
    let total = 0;
    for (let i = 0; i < 20_000; i++) total += sessionLength(rng);
    cachedMeanSessionLength = total / 20_000;
  }
  return cachedMeanSessionLength;
}

import { Arrivals } from './arrivals.js';
import { anonymousParts, eventLine, userParts } from './event-line.js';
import { guestPage, LOGIN, LOGOUT, loggedInPage, loggedOutPage, NEXT_SONG, secondsAfter, SUBMIT_DOWNGRADE, SUBMIT_UPGRADE, type Page } from './pages.js';
import { permuteRange } from './permute.js';
import { hash32, Random, seed32 } from './random.js';
import { GUEST, guestSessionLength, LOGGED_IN, LOGGED_OUT, meanSessionLength, Session, sessionLength } from './session.js';
import { SessionHeap } from './session-heap.js';
import { SongPicker } from './song-picker.js';
import type { TimeFrame } from './time-frame.js';
import { userAt } from './users.js';

export interface EventStreamConfig {
  seed: number;
  events: number;
  users: number;
  songs: number;
  matchShare: number;
  frame: TimeFrame;
}

const EVENTS = 41;
const USER_PICK = 42;
const UNKNOWN = 2;
const GUEST_SHARE = 0.02;
const STARTS_LOGGED_OUT = 0.05;
// Listener activity: index = n * u^ACTIVITY, so the busiest 1% of users hold ~7% of sessions.
const ACTIVITY = 1.7;

/**
 * The event log as one time-ordered stream, an event at a time. Sessions start by
 * `Arrivals` and interleave through a heap, so memory holds only the open sessions plus
 * two bytes per user (level, busy), whatever the number of events.
 */
export class EventStream {
  /** ts of the event `next()` returned last. */
  ts = 0;
  emitted = 0;
  private planned = 0;
  private sessions = 0;
  private nextArrival: number | null;
  private readonly rng: Random;
  private readonly heap = new SessionHeap();
  private readonly arrivals: Arrivals;
  private readonly picker: SongPicker;
  private readonly levels: Uint8Array;
  private readonly busy: Uint8Array;
  private readonly userKey: number;

  constructor(private readonly config: EventStreamConfig) {
    const s = seed32(config.seed);
    this.rng = new Random(s, EVENTS);
    this.userKey = hash32(s, USER_PICK);
    this.arrivals = new Arrivals(config.frame);
    this.picker = new SongPicker(config.seed, config.songs, config.matchShare);
    this.levels = new Uint8Array(config.users).fill(UNKNOWN);
    this.busy = new Uint8Array(config.users);
    this.nextArrival = config.events > 0 ? this.arrivals.next(this.rng, config.events, meanSessionLength()) : null;
  }

  get done(): boolean {
    return this.emitted >= this.config.events;
  }

  /** The next event as a JSON line (with its newline); `ts` tells its time. Call only while not `done`. */
  next(): string {
    for (;;) {
      const top = this.heap.peek();
      if (this.nextArrival !== null && (top === undefined || this.nextArrival <= top.nextTs)) {
        this.startSession(this.nextArrival);
        continue;
      }
      if (top === undefined) throw new Error('event stream exhausted: no open session and no arrival');
      return this.emit(top);
    }
  }

  private startSession(ts: number): void {
    const rng = this.rng;
    const id = ++this.sessions;
    const guest = rng.chance(GUEST_SHARE);
    const user = guest ? -1 : this.pickUser();
    const length = Math.min(guest ? guestSessionLength(rng) : sessionLength(rng), this.config.events - this.planned);
    this.planned += length;
    if (guest) {
      this.heap.push(new Session(id, -1, length, ts, GUEST, null, anonymousParts('Guest', id)));
    } else {
      const profile = userAt(this.config.seed, user, this.config.frame);
      if (this.levels[user] === UNKNOWN) this.levels[user] = profile.level === 'paid' ? 1 : 0;
      this.busy[user] = 1;
      const state = rng.chance(STARTS_LOGGED_OUT) ? LOGGED_OUT : LOGGED_IN;
      this.heap.push(new Session(id, user, length, ts, state, userParts(profile, id), anonymousParts('Logged Out', id)));
    }
    const left = this.config.events - this.planned;
    this.nextArrival = left > 0 ? this.arrivals.next(rng, left, meanSessionLength()) : null;
  }

  /** A user for a new session, preferring one who is not in a session already. */
  private pickUser(): number {
    const n = this.config.users;
    let user = 0;
    for (let attempt = 0; attempt < 8; attempt++) {
      user = permuteRange(this.rng.skewed(n, ACTIVITY), n, this.userKey);
      if (this.busy[user] === 0) break;
    }
    return user;
  }

  private emit(session: Session): string {
    const rng = this.rng;
    const ts = session.nextTs;
    const user = session.user;
    const paid = user >= 0 && this.levels[user] === 1;
    let page: Page;
    if (session.state === LOGGED_IN) {
      page = loggedInPage(rng, paid, session.previous);
      if (page === SUBMIT_UPGRADE) this.levels[user] = 1;
      else if (page === SUBMIT_DOWNGRADE) this.levels[user] = 0;
    } else {
      page = session.state === GUEST ? guestPage(rng) : loggedOutPage(rng, session.previous);
    }
    const song = page === NEXT_SONG ? this.picker.pick(rng) : null;
    const parts = session.state === LOGGED_IN ? (session.loggedIn ?? session.anonymous) : session.anonymous;
    const line = eventLine(parts, session.item, paid, page, song, ts);

    if (page === LOGOUT) session.state = LOGGED_OUT;
    else if (page === LOGIN && session.state === LOGGED_OUT) session.state = LOGGED_IN;
    session.previous = page;
    session.item++;
    session.remaining--;
    this.emitted++;
    this.ts = ts;

    if (session.remaining === 0) {
      this.heap.pop();
      if (user >= 0) this.busy[user] = 0;
    } else {
      let next = ts + secondsAfter(rng, page, song === null ? 0 : song.seconds) * 1000;
      const last = this.config.frame.endMs - 1;
      // A session running past the frame speeds up so its last event still falls inside.
      if (next > last) next = ts + Math.floor((last - ts) / session.remaining / 1000) * 1000;
      session.nextTs = next;
      this.heap.siftDown();
    }
    return line;
  }
}

import { cumulative, type Random } from './random.js';

/** A page of the app as it appears in an event: name, HTTP method and status. */
export interface Page {
  name: string;
  method: 'GET' | 'PUT';
  status: number;
  /** Pre-rendered `GET","page":"Home` for the event line. */
  methodPage: string;
  /** Pre-rendered `,"status":200,"ts":` for the event line. */
  statusTs: string;
}

function page(name: string, method: 'GET' | 'PUT', status: number): Page {
  return { name, method, status, methodPage: `${method}","page":${JSON.stringify(name)}`.slice(0, -1), statusTs: `,"status":${status},"ts":` };
}

// Methods and statuses as eventsim logs them: state changes are PUT and redirect (307).
export const NEXT_SONG = page('NextSong', 'PUT', 200);
export const HOME = page('Home', 'GET', 200);
export const THUMBS_UP = page('Thumbs Up', 'PUT', 307);
export const ADD_TO_PLAYLIST = page('Add to Playlist', 'PUT', 200);
export const ADD_FRIEND = page('Add Friend', 'PUT', 307);
export const ROLL_ADVERT = page('Roll Advert', 'GET', 200);
export const LOGOUT = page('Logout', 'PUT', 307);
export const LOGIN = page('Login', 'PUT', 307);
export const THUMBS_DOWN = page('Thumbs Down', 'PUT', 307);
export const SETTINGS = page('Settings', 'GET', 200);
export const SAVE_SETTINGS = page('Save Settings', 'PUT', 307);
export const HELP = page('Help', 'GET', 200);
export const ABOUT = page('About', 'GET', 200);
export const UPGRADE = page('Upgrade', 'GET', 200);
export const SUBMIT_UPGRADE = page('Submit Upgrade', 'PUT', 307);
export const DOWNGRADE = page('Downgrade', 'GET', 200);
export const SUBMIT_DOWNGRADE = page('Submit Downgrade', 'PUT', 307);
export const ERROR = page('Error', 'GET', 404);

/** A weighted choice of pages, most frequent first so the scan usually stops at once. */
class PageTable {
  private readonly pages: Page[];
  private readonly sums: Float64Array;
  constructor(entries: [Page, number][]) {
    entries.sort((a, b) => b[1] - a[1]);
    this.pages = entries.map(([p]) => p);
    this.sums = cumulative(entries.map(([, w]) => w));
  }
  pick(rng: Random): Page {
    return this.pages[rng.weighted(this.sums)] as Page;
  }
}

// Per 1,000 events of a logged-in listener (close to eventsim's full logs).
const common: [Page, number][] = [
  [HOME, 26],
  [ADD_TO_PLAYLIST, 22],
  [ADD_FRIEND, 14],
  [LOGOUT, 8],
  [SETTINGS, 5],
  [HELP, 6],
  [ABOUT, 3],
  [ERROR, 1],
];
const FREE = new PageTable([...common, [NEXT_SONG, 880], [THUMBS_UP, 36], [THUMBS_DOWN, 11], [ROLL_ADVERT, 22], [UPGRADE, 11], [DOWNGRADE, 1]]);
const PAID = new PageTable([...common, [NEXT_SONG, 920], [THUMBS_UP, 46], [THUMBS_DOWN, 9], [ROLL_ADVERT, 1], [UPGRADE, 1], [DOWNGRADE, 12]]);
const LOGGED_OUT = new PageTable([
  [LOGIN, 60],
  [HOME, 20],
  [ABOUT, 8],
  [HELP, 8],
  [ERROR, 4],
]);
const GUEST = new PageTable([
  [HOME, 55],
  [HELP, 20],
  [ABOUT, 18],
  [ERROR, 7],
]);

/** The next page of a logged-in listener, given the level and the page before. */
export function loggedInPage(rng: Random, paid: boolean, previous: Page | null): Page {
  if (previous === null || previous === LOGIN) return rng.chance(previous === null ? 0.3 : 0.7) ? HOME : (paid ? PAID : FREE).pick(rng);
  if (previous === UPGRADE && !paid && rng.chance(0.3)) return SUBMIT_UPGRADE;
  if (previous === DOWNGRADE && paid && rng.chance(0.1)) return SUBMIT_DOWNGRADE;
  if (previous === SETTINGS && rng.chance(0.25)) return SAVE_SETTINGS;
  return (paid ? PAID : FREE).pick(rng);
}

/** The next page of a visitor who logged out (or has not logged in yet): home first, then mostly Login. */
export function loggedOutPage(rng: Random, previous: Page | null): Page {
  return previous === LOGOUT || previous === null ? HOME : LOGGED_OUT.pick(rng);
}

export function guestPage(rng: Random): Page {
  return GUEST.pick(rng);
}

/** Whole seconds until the listener's next event: a song plays to its end, a click takes a moment. */
export function secondsAfter(rng: Random, page: Page, songSeconds: number): number {
  if (page === NEXT_SONG) return Math.round(songSeconds);
  if (page === LOGIN || page === LOGOUT) return rng.int(3);
  if (page === SUBMIT_UPGRADE || page === SUBMIT_DOWNGRADE || page === SAVE_SETTINGS) return 1 + rng.int(3);
  return Math.min(900, Math.round(rng.exponential(45)));
}

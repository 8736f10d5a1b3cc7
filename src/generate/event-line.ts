import type { Page } from './pages.js';
import type { PlayedSong } from './song-picker.js';
import type { UserProfile } from './users.js';

/**
 * The parts of an event line that stay the same for one identity within one session,
 * rendered once per session. Writing lines from these pieces is several times faster than
 * JSON.stringify per event, and keeps the key order of the real logs.
 */
export interface LineParts {
  /** `,"auth":"Logged In","firstName":"Ann","gender":"F","itemInSession":` */
  auth: string;
  /** `,"lastName":"Lee","length":` */
  lastName: string;
  /** `","location":"Tucson, AZ","method":"` */
  location: string;
  /** `","registration":1540919166796,"sessionId":38,"song":` */
  session: string;
  /** `,"userAgent":"...","userId":"39"}` + newline */
  tail: string;
}

const q = JSON.stringify;

/** Parts for a logged-in listener. */
export function userParts(user: UserProfile, sessionId: number): LineParts {
  return {
    auth: `,"auth":"Logged In","firstName":${q(user.firstName)},"gender":"${user.gender}","itemInSession":`,
    lastName: `,"lastName":${q(user.lastName)},"length":`,
    location: `","location":${q(user.location)},"method":"`,
    session: `","registration":${user.registration},"sessionId":${sessionId},"song":`,
    tail: `,"userAgent":${q(user.userAgent)},"userId":${q(user.userId)}}\n`,
  };
}

/** Parts for an unknown visitor: 'Logged Out' (after Logout, before Login) or 'Guest'. */
export function anonymousParts(auth: 'Logged Out' | 'Guest', sessionId: number): LineParts {
  return {
    auth: `,"auth":"${auth}","firstName":null,"gender":null,"itemInSession":`,
    lastName: ',"lastName":null,"length":',
    location: '","location":null,"method":"',
    session: `","registration":null,"sessionId":${sessionId},"song":`,
    tail: ',"userAgent":null,"userId":""}\n',
  };
}

const LEVEL_FREE = ',"level":"free';
const LEVEL_PAID = ',"level":"paid';

/** One event as a JSON line, keys in the order of the real logs. */
export function eventLine(parts: LineParts, item: number, paid: boolean, page: Page, song: PlayedSong | null, ts: number): string {
  return (
    '{"artist":' +
    (song === null ? 'null' : song.artistJson) +
    parts.auth +
    item +
    parts.lastName +
    (song === null ? 'null' : song.lengthJson) +
    (paid ? LEVEL_PAID : LEVEL_FREE) +
    parts.location +
    page.methodPage +
    parts.session +
    (song === null ? 'null' : song.titleJson) +
    page.statusTs +
    ts +
    parts.tail
  );
}

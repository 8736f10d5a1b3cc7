import { USER_LOCATIONS } from './places.js';
import { Random, seed32 } from './random.js';
import type { TimeFrame } from './time-frame.js';
import { USER_AGENTS } from './user-agents.js';
import { FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES } from './words.js';

/** A listener as the event logs show them; `level` is the level before the first event in the frame. */
export interface UserProfile {
  userId: string;
  firstName: string;
  lastName: string;
  gender: 'F' | 'M';
  location: string;
  userAgent: string;
  registration: number;
  level: 'free' | 'paid';
}

const USER = 21;
const DAY_MS = 86_400_000;

/** Users when not given: about a hundred events per user, as in the real sample (8,056 events, 97 users). */
export function defaultUserCount(events: number): number {
  return Math.min(1_000_000, Math.max(10, Math.round(events / 100)));
}

/** User `index` (userId = index + 1), computed from (seed, index) alone. */
export function userAt(seed: number, index: number, frame: TimeFrame): UserProfile {
  const rng = new Random(seed32(seed), USER, index);
  const gender = rng.chance(0.5) ? 'F' : 'M';
  const firstName = rng.pick(gender === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M);
  const lastName = rng.pick(LAST_NAMES);
  const location = USER_LOCATIONS[rng.skewed(USER_LOCATIONS.length, 1.6)] as string;
  const userAgent = USER_AGENTS[rng.skewed(USER_AGENTS.length, 1.4)] as string;
  // Registered one to 120 days before the frame, on the same millisecond grid as the events.
  const registration = frame.startMs - DAY_MS - Math.floor(rng.next() * 119 * 86_400) * 1000 + frame.msOffset;
  const level = rng.chance(0.22) ? 'paid' : 'free';
  return { userId: String(index + 1), firstName, lastName, gender, location, userAgent, registration, level };
}

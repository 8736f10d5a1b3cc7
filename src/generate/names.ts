import type { Random } from './random.js';
import { ARTIST_NOUNS, ARTIST_WORDS, FIRST_NAMES_F, FIRST_NAMES_M, GENRE_TAGS, LAST_NAMES, TITLE_JOINERS, TITLE_SUFFIXES, TITLE_WORDS } from './words.js';

/** An invented artist name: a person, a band, a DJ, or a duo. */
export function artistName(rng: Random): string {
  const roll = rng.next();
  if (roll < 0.3) return `${rng.pick(rng.chance(0.7) ? FIRST_NAMES_M : FIRST_NAMES_F)} ${rng.pick(LAST_NAMES)}`;
  if (roll < 0.55) return `The ${rng.pick(ARTIST_WORDS)} ${rng.pick(ARTIST_NOUNS)}`;
  if (roll < 0.7) return `${rng.pick(ARTIST_WORDS)} ${rng.pick(ARTIST_NOUNS)}`;
  if (roll < 0.8) return `${rng.pick(GENRE_TAGS)} ${rng.pick(TITLE_WORDS)}`;
  if (roll < 0.9) return `${rng.pick(LAST_NAMES)} & ${rng.chance(0.5) ? rng.pick(LAST_NAMES) : `The ${rng.pick(ARTIST_NOUNS)}`}`;
  return `${rng.pick(TITLE_WORDS)} ${rng.pick(TITLE_WORDS)}`;
}

/** An invented song title of one to four words, sometimes with a version suffix. */
export function songTitle(rng: Random): string {
  const roll = rng.next();
  let title: string;
  if (roll < 0.25) title = rng.pick(TITLE_WORDS);
  else if (roll < 0.55) title = `${rng.pick(TITLE_WORDS)} ${rng.pick(TITLE_WORDS)}`;
  else if (roll < 0.75) title = `${rng.pick(TITLE_WORDS)} ${rng.pick(TITLE_JOINERS)} ${rng.pick(TITLE_WORDS)}`;
  else if (roll < 0.85) title = `The ${rng.pick(TITLE_WORDS)}`;
  else if (roll < 0.95) title = `${rng.pick(LAST_NAMES)}'s ${rng.pick(TITLE_WORDS)}`;
  else title = `"${rng.pick(TITLE_WORDS)}"`;
  return rng.chance(0.08) ? title + rng.pick(TITLE_SUFFIXES) : title;
}

/** A track length in seconds with five decimals, like the Million Song Dataset (median ~230 s). */
export function duration(rng: Random): number {
  let seconds = Math.exp(Math.log(230) + (rng.chance(0.03) ? 1 : 0.38) * rng.normal());
  // Out-of-range draws are spread again rather than clamped, so no length repeats exactly.
  if (seconds > 2600) seconds = 1200 + rng.next() * 1400;
  else if (seconds < 15) seconds = 15 + rng.next() * 30;
  return Math.round(seconds * 1e5) / 1e5;
}

import { permuteBits } from './permute.js';
import type { Random } from './random.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function chars(rng: Random, alphabet: string, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[rng.int(alphabet.length)];
  return out;
}

function hex(value: number, width: number): string {
  return value.toString(16).toUpperCase().padStart(width, '0');
}

// The ids mimic the Million Song Dataset shapes (TRAAAAW128F429D538, SOGVQGJ12AB017F169,
// AR62SOJ1187FB47BB5). The random-looking head comes from `rng`; the hex tail is a keyed
// bijection of the index, so two indexes can never share an id.

/**
 * `TR` + `A` + 4 letters + `128`/`129` + 8 hex digits. Letters 3 to 5 pick the
 * song_data/A/B/C folder; the third is always A, as in the Udacity copy, so a catalog
 * spreads over at most 676 folders.
 */
export function trackId(rng: Random, index: number, key: number): string {
  return `TRA${chars(rng, LETTERS, 4)}${rng.chance(0.7) ? '128' : '129'}${hex(permuteBits(index, 32, key), 8)}`;
}

/** `SO` + 5 letters + `12A` + 8 hex digits. */
export function songId(rng: Random, index: number, key: number): string {
  return `SO${chars(rng, LETTERS, 5)}12A${hex(permuteBits(index, 32, key), 8)}`;
}

/** `AR` + 5 letters or digits + `1187` + 7 hex digits (indexes below 2^28). */
export function artistId(rng: Random, index: number, key: number): string {
  return `AR${chars(rng, ALNUM, 5)}${rng.chance(0.8) ? '1187' : '1229'}${hex(permuteBits(index, 28, key), 7)}`;
}

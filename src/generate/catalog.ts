import { artistId, songId, trackId } from './ids.js';
import { artistName, duration, songTitle } from './names.js';
import { permuteRange } from './permute.js';
import { ARTIST_PLACES, LOOSE_LOCATIONS } from './places.js';
import { hash32, Random, seed32 } from './random.js';

/** One song_data record, keys in the order of the real files. */
export interface SongRecord {
  num_songs: number;
  artist_id: string;
  artist_latitude: number | null;
  artist_longitude: number | null;
  artist_location: string;
  artist_name: string;
  song_id: string;
  title: string;
  duration: number;
  year: number;
}

/** A catalog song and the track id that names its file. */
export interface CatalogSong extends SongRecord {
  trackId: string;
}

export type ArtistRecord = Pick<SongRecord, 'artist_id' | 'artist_latitude' | 'artist_longitude' | 'artist_location' | 'artist_name'>;

// Hash domains keep the streams drawn for different purposes independent.
const TRACK = 11;
const SONG = 12;
const ARTIST = 13;
const ARTIST_OF = 14;

/** How many distinct artists a catalog of `songs` songs has: ~0.9 per song when small, fewer when big. */
export function artistCount(songs: number): number {
  if (songs <= 0) return 0;
  if (songs <= 1000) return Math.max(1, Math.round(songs * 0.9));
  return Math.round((songs * 0.9) / (1 + 0.5 * Math.log10(songs / 1000)));
}

/** Which artist sings song `index`: every artist gets one song, the rest are spread at random. */
export function artistIndexOf(seed: number, index: number, songs: number): number {
  const artists = artistCount(songs);
  const s = seed32(seed);
  if (index < artists) return permuteRange(index, artists, hash32(s, ARTIST_OF));
  return hash32(s, ARTIST_OF, index) % artists;
}

/** Artist `index` of the catalog, computed from (seed, index) alone. */
export function artistAt(seed: number, index: number): ArtistRecord {
  const s = seed32(seed);
  const rng = new Random(s, ARTIST, index);
  const id = artistId(rng, index, hash32(s, ARTIST));
  const name = artistName(rng);
  if (rng.chance(0.5)) {
    const location = rng.chance(0.65) ? '' : rng.pick(LOOSE_LOCATIONS);
    return { artist_id: id, artist_latitude: null, artist_longitude: null, artist_location: location, artist_name: name };
  }
  const [location, latitude, longitude] = rng.pick(ARTIST_PLACES);
  return { artist_id: id, artist_latitude: latitude, artist_longitude: longitude, artist_location: location, artist_name: name };
}

/** Song `index` (0 ≤ index < songs) of the catalog, computed from (seed, index, songs) alone: nothing is kept in memory. */
export function songAt(seed: number, index: number, songs: number): CatalogSong {
  const s = seed32(seed);
  const rng = new Random(s, SONG, index);
  const artist = artistAt(seed, artistIndexOf(seed, index, songs));
  const track = trackId(new Random(s, TRACK, index), index, hash32(s, TRACK));
  const id = songId(rng, index, hash32(s, SONG));
  const title = songTitle(rng);
  const seconds = duration(rng);
  const year = rng.chance(0.5) ? 0 : 2011 - Math.ceil(55 * rng.next() ** 2);
  return {
    trackId: track,
    num_songs: 1,
    artist_id: artist.artist_id,
    artist_latitude: artist.artist_latitude,
    artist_longitude: artist.artist_longitude,
    artist_location: artist.artist_location,
    artist_name: artist.artist_name,
    song_id: id,
    title,
    duration: seconds,
    year,
  };
}

/** One song_data JSON object, spaced like the real files (`{"num_songs": 1, "artist_id": ...}`). */
export function songJson(song: SongRecord): string {
  const q = JSON.stringify;
  return (
    `{"num_songs": ${song.num_songs}, "artist_id": ${q(song.artist_id)}, "artist_latitude": ${q(song.artist_latitude)}, ` +
    `"artist_longitude": ${q(song.artist_longitude)}, "artist_location": ${q(song.artist_location)}, ` +
    `"artist_name": ${q(song.artist_name)}, "song_id": ${q(song.song_id)}, "title": ${q(song.title)}, ` +
    `"duration": ${q(song.duration)}, "year": ${song.year}}`
  );
}

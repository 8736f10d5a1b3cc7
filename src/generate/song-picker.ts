import { songAt } from './catalog.js';
import { artistName, duration, songTitle } from './names.js';
import { hash32, Random, seed32 } from './random.js';

/** A song as a NextSong event shows it, pre-rendered as JSON values. */
export interface PlayedSong {
  artistJson: string;
  titleJson: string;
  lengthJson: string;
  seconds: number;
}

const OFF_SONG = 31;
const OFF_ARTIST = 32;
const CACHE_SIZE = 65_536;
// Popularity: index = n * u^POPULARITY, so the top 1% of songs get about 12% of the plays.
const POPULARITY = 2.2;

function played(artist: string, title: string, seconds: number): PlayedSong {
  return { artistJson: JSON.stringify(artist), titleJson: JSON.stringify(title), lengthJson: JSON.stringify(seconds), seconds };
}

/** A song that is not in the catalog, computed from (seed, index) alone. */
export function offCatalogSongAt(seed: number, index: number, artists: number): { artist: string; title: string; duration: number } {
  const s = seed32(seed);
  const artist = artistName(new Random(s, OFF_ARTIST, hash32(s, OFF_ARTIST, index) % artists));
  const rng = new Random(s, OFF_SONG, index);
  return { artist, title: songTitle(rng), duration: duration(rng) };
}

/** Picks the song of each NextSong event: a `matchShare` of plays come from the catalog, the rest from songs it lacks. */
export class SongPicker {
  private readonly offSongs: number;
  private readonly offArtists: number;
  private readonly catalogCache: (PlayedSong | undefined)[] = [];
  private readonly offCache: (PlayedSong | undefined)[] = [];

  constructor(
    private readonly seed: number,
    private readonly songs: number,
    private readonly matchShare: number,
  ) {
    this.offSongs = Math.min(5_000_000, Math.max(10_000, songs * 5));
    this.offArtists = Math.max(1, Math.round(this.offSongs * 0.6));
  }

  pick(rng: Random): PlayedSong {
    if (this.songs > 0 && rng.chance(this.matchShare)) {
      const index = rng.skewed(this.songs, POPULARITY);
      if (index >= CACHE_SIZE) return this.catalog(index);
      const song = this.catalogCache[index] ?? this.catalog(index);
      this.catalogCache[index] = song;
      return song;
    }
    const index = rng.skewed(this.offSongs, POPULARITY);
    if (index >= CACHE_SIZE) return this.offCatalog(index);
    const song = this.offCache[index] ?? this.offCatalog(index);
    this.offCache[index] = song;
    return song;
  }

  private catalog(index: number): PlayedSong {
    const song = songAt(this.seed, index, this.songs);
    return played(song.artist_name, song.title, song.duration);
  }

  private offCatalog(index: number): PlayedSong {
    const song = offCatalogSongAt(this.seed, index, this.offArtists);
    return played(song.artist, song.title, song.duration);
  }
}

import { describe, expect, it } from 'vitest';
import { artistCount, artistIndexOf, songAt } from '../../src/generate/catalog.js';
import { permuteRange } from '../../src/generate/permute.js';
import { Random } from '../../src/generate/random.js';

describe('catalog', () => {
  it('computes a song from (seed, index) alone', () => {
    expect(songAt(5, 123, 1000)).toEqual(songAt(5, 123, 1000));
    expect(songAt(5, 123, 1000).song_id).not.toBe(songAt(6, 123, 1000).song_id);
  });

  it('never repeats a track or song id', () => {
    const tracks = new Set<string>();
    const songs = new Set<string>();
    const odd: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const song = songAt(3, i, 20_000);
      tracks.add(song.trackId);
      songs.add(song.song_id);
      if (!/^TRA[A-Z]{4}12[89][0-9A-F]{8}$/.test(song.trackId)) odd.push(song.trackId);
    }
    expect(odd).toEqual([]);
    expect(tracks.size).toBe(20_000);
    expect(songs.size).toBe(20_000);
  });

  it('gives every artist a song: about 0.9 artists a song when small, fewer when big', () => {
    expect(artistCount(71)).toBe(64);
    expect(artistCount(15_000) / 15_000).toBeLessThan(0.6);
    expect(artistCount(1_000_000) / 1_000_000).toBeLessThan(0.4);
    const artists = new Set<number>();
    for (let i = 0; i < 500; i++) artists.add(artistIndexOf(9, i, 500));
    expect(artists.size).toBe(artistCount(500));
  });

  it('leaves coordinates empty for about half the artists and the year 0 for about half the songs', () => {
    const sample = Array.from({ length: 2000 }, (_, i) => songAt(1, i, 2000));
    const noCoordinates = sample.filter((s) => s.artist_latitude === null).length / sample.length;
    const noYear = sample.filter((s) => s.year === 0).length / sample.length;
    expect(noCoordinates).toBeGreaterThan(0.35);
    expect(noCoordinates).toBeLessThan(0.65);
    expect(noYear).toBeGreaterThan(0.4);
    expect(noYear).toBeLessThan(0.6);
  });
});

describe('random', () => {
  it('repeats its stream for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const draws = (r: Random) => Array.from({ length: 5 }, () => r.uint32());
    const first = draws(a);
    expect(draws(b)).toEqual(first);
    expect(draws(c)).not.toEqual(first);
  });

  it('permutes a range without collisions', () => {
    for (const n of [1, 7, 1000, 4097]) {
      const seen = new Set(Array.from({ length: n }, (_, i) => permuteRange(i, n, 0xabc)));
      expect(seen.size).toBe(n);
      expect(Math.max(...seen)).toBe(n - 1);
    }
  });
});

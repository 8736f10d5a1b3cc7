/** One song file's record, as `song_data` holds it; a test overrides the fields it is about. */
export function songRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    num_songs: 1,
    artist_id: 'AR1',
    artist_latitude: null,
    artist_longitude: null,
    artist_location: '',
    artist_name: 'Artist 1',
    song_id: 'SO1',
    title: 'A Song',
    duration: 123.4,
    year: 2001,
    ...overrides,
  };
}

/** One logged-in NextSong event, as `log_data` holds it; a test overrides the fields it is about. */
export function eventRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ts: 1541990258796,
    userId: '26',
    firstName: 'Ryan',
    lastName: 'Smith',
    gender: 'M',
    level: 'free',
    page: 'NextSong',
    song: 'A Song',
    artist: 'An Artist',
    length: 200.5,
    sessionId: 583,
    location: 'Somewhere, CA',
    userAgent: 'Mozilla/5.0',
    itemInSession: 0,
    ...overrides,
  };
}

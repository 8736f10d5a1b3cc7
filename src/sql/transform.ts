import { countsSql } from './counts.js';
import { levelHistorySteps } from './level-history.js';
import { tableNames, type TableNames } from './table-names.js';

/** One named step of the transform, in the SQL subset DuckDB, PostgreSQL and Redshift share. */
export interface SqlStep {
  name: string;
  sql: string;
}

/** A left join (`join`, after the staged rows `e`) and its condition (`where`) that keep the rows whose key a table lacks; both empty when there is nothing to test. */
export interface KeyAbsent {
  join: string;
  where: string;
}

/** What a run knows before it transforms, which lets steps skip work (the same text family on every engine). */
export interface TransformOptions {
  /** Where the tables are (default: all in the schema). */
  names?: TableNames;
  /** The star tables are empty (first load, --full-refresh): nothing to replace, nothing to skip. */
  firstLoad?: boolean;
  /** No staged event repeats a (session_id, item_in_session) key: no window to pick one of each. */
  stagedKeysUnique?: boolean;
  /** No song was staged (a daily run of event logs only): no late song can match an older play. */
  noStagedSongs?: boolean;
}

/**
 * What planTransform asks before the steps run: `star_rows`, the rows already in the star
 * tables and what is derived from them (`tables`), `repeated_keys`, the staged
 * (session_id, item_in_session) keys that occur more than once, and `staged_songs`.
 */
export function transformPlanSql(names: TableNames, tables: string[]): string {
  const repeated = `SELECT 1 FROM ${names('staging_events')} GROUP BY session_id, item_in_session HAVING COUNT(*) > 1`;
  return countsSql([
    ...tables.map((table) => ({ part: 'star_rows', from: names(table) })),
    { part: 'repeated_keys', from: `(${repeated}) r` },
    { part: 'staged_songs', from: names('staging_songs') },
  ]);
}

/**
 * Staging → star schema. Each step only adds what is new, so a re-delivered file never
 * double-counts, and the steps are the same text on every engine. A step with empty `sql`
 * has nothing to do in this run.
 */
export function transformSteps(schema: string, options: TransformOptions = {}): SqlStep[] {
  const t = options.names ?? tableNames(schema);
  // On empty star tables the anti-joins find nothing: left out (each is a join per step).
  const absentFrom = (condition: string) => (options.firstLoad ? '' : `\n  AND NOT EXISTS (${condition})`);
  // The staged range of a column: repeated beside an equality with a staged value it changes
  // nothing, but lets an increment read only that range of a big star table (zone maps, index).
  const stagedRange = (column: string, staged: string) =>
    `${column} BETWEEN (SELECT MIN(${staged}) FROM ${t('staging_events')}) AND (SELECT MAX(${staged}) FROM ${t('staging_events')})`;
  // The staged play `e`'s key is not yet in `table` (keyed by session_id, item_in_session): a
  // left join with the table's keys in the staged range, kept where it finds none. DuckDB runs
  // the same test as NOT EXISTS through a join that first gathers the staged keys: a day's
  // user_level_events step took 46 ms that way, 38 ms this way.
  const keyAbsent = (table: string): KeyAbsent =>
    options.firstLoad
      ? { join: '', where: '' }
      : {
          join: `\nLEFT JOIN (SELECT session_id, item_in_session FROM ${t(table)} WHERE ${stagedRange('session_id', 'session_id')}) k
  ON k.session_id = e.session_id AND k.item_in_session = e.item_in_session`,
          where: '\n  AND k.session_id IS NULL',
        };
  // Late songs re-match older plays: nothing to do on empty star tables or when no song was staged.
  const withLateSongs = (sql: string) => (options.firstLoad || options.noStagedSongs ? '' : sql);
  const playPick = options.stagedKeysUnique ? '1' : 'ROW_NUMBER() OVER (PARTITION BY session_id, item_in_session ORDER BY ts, source_file)';
  return [
    {
      name: 'songs',
      sql: `INSERT INTO ${t('songs')} (song_id, title, artist_id, year, duration)
SELECT song_id, title, artist_id, year, duration
FROM (
  SELECT song_id, title, artist_id, year, duration,
         ROW_NUMBER() OVER (PARTITION BY song_id ORDER BY title, artist_id, year, duration) AS pick
  FROM ${t('staging_songs')}
) candidates
WHERE pick = 1${absentFrom(`SELECT 1 FROM ${t('songs')} s WHERE s.song_id = candidates.song_id`)}`,
    },
    {
      name: 'artists',
      sql: `INSERT INTO ${t('artists')} (artist_id, name, location, latitude, longitude)
SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude
FROM (
  SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude,
         ROW_NUMBER() OVER (
           PARTITION BY artist_id
           ORDER BY CASE WHEN artist_latitude IS NULL THEN 1 ELSE 0 END, artist_name, artist_location, song_id
         ) AS pick
  FROM ${t('staging_songs')}
) candidates
WHERE pick = 1${absentFrom(`SELECT 1 FROM ${t('artists')} a WHERE a.artist_id = candidates.artist_id`)}`,
    },
    {
      // Songs that arrive after their plays: only unmatched plays whose title is among this run's songs are looked at.
      name: 'rematch-late-songs',
      sql: withLateSongs(`UPDATE ${t('songplays')} SET song_id = late.song_id, artist_id = late.artist_id
FROM (
  SELECT u.session_id, u.item_in_session, m.song_id, m.artist_id
  FROM ${t('unmatched_plays')} u
  JOIN (${catalogMatch(t)}) m ON m.pick = 1 AND m.title = u.song AND m.name = u.artist AND m.duration = u.length
  WHERE u.song IN (SELECT title FROM ${t('staging_songs')})
) late
WHERE songplays.session_id = late.session_id AND songplays.item_in_session = late.item_in_session`),
    },
    {
      // A new song equal (title, artist name, duration) to one already matched, with a lower song_id:
      // a full load would match its plays to the new one, so they move (usually there is none).
      name: 'repoint-tied-plays',
      sql: withLateSongs(`UPDATE ${t('songplays')} SET song_id = moved.song_id, artist_id = moved.artist_id
FROM (
  SELECT s.song_id AS old_song_id, m.song_id, m.artist_id
  FROM ${t('songs')} s
  JOIN ${t('artists')} a ON a.artist_id = s.artist_id
  JOIN (${catalogMatch(t)}) m ON m.pick = 1 AND m.title = s.title AND m.name = a.name AND m.duration = s.duration
  WHERE s.song_id <> m.song_id AND s.title IN (SELECT title FROM ${t('staging_songs')})
) moved
WHERE songplays.song_id = moved.old_song_id`),
    },
    {
      name: 'forget-rematched',
      sql: withLateSongs(`DELETE FROM ${t('unmatched_plays')}
WHERE unmatched_plays.song IN (SELECT title FROM ${t('staging_songs')})
  AND EXISTS (
    SELECT 1 FROM ${t('songplays')} p
    WHERE p.session_id = unmatched_plays.session_id AND p.item_in_session = unmatched_plays.item_in_session AND p.song_id IS NOT NULL
  )`),
    },
    {
      // Only each user's latest staged ts matters here, not which event at it wins: no window.
      name: 'users-replace-older',
      sql: options.firstLoad
        ? ''
        : `DELETE FROM ${t('users')}
WHERE EXISTS (
  SELECT 1 FROM (SELECT user_id, MAX(ts) AS ts FROM ${t('staging_events')} WHERE user_id <> '' GROUP BY user_id) b
  WHERE b.user_id = users.user_id AND (users.last_seen IS NULL OR b.ts >= users.last_seen)
)`,
    },
    {
      name: 'users',
      sql: `INSERT INTO ${t('users')} (user_id, first_name, last_name, gender, level, last_seen)
SELECT user_id, first_name, last_name, gender, level, ts
FROM (${latestUserEvent(t)}) b
WHERE 1 = 1${absentFrom(`SELECT 1 FROM ${t('users')} u WHERE u.user_id = b.user_id`)}`,
    },
    {
      name: 'songplays',
      sql: `INSERT INTO ${t('songplays')} (start_time, user_id, level, song_id, artist_id, session_id, item_in_session, location, user_agent)
SELECT e.ts, e.user_id, e.level, m.song_id, m.artist_id, e.session_id, e.item_in_session, e.location, e.user_agent
${playsWithMatch(t, playPick, 'ts, user_id, level, song, artist, length, session_id, item_in_session, location, user_agent')}${keyAbsent('songplays').join}
WHERE e.pick = 1${keyAbsent('songplays').where}`,
    },
    {
      // What matching needs, kept for the plays no song matched, so a later song can still reach them.
      name: 'unmatched-plays',
      sql: options.firstLoad ? firstLoadUnmatchedPlays(t, playPick) : unmatchedPlays(t, playPick, keyAbsent('unmatched_plays'), stagedRange),
    },
    {
      name: 'level-changes',
      sql: `INSERT INTO ${t('level_changes')} (session_id, item_in_session, user_id, changed_at, change)
SELECT e.session_id, e.item_in_session, e.user_id, e.ts, CASE WHEN e.page = 'Submit Upgrade' THEN 'upgrade' ELSE 'downgrade' END
FROM (
  SELECT session_id, item_in_session, user_id, ts, page,
         ROW_NUMBER() OVER (PARTITION BY session_id, item_in_session ORDER BY ts, source_file) AS pick
  FROM ${t('staging_events')}
  WHERE page IN ('Submit Upgrade', 'Submit Downgrade')
) e${keyAbsent('level_changes').join}
WHERE e.pick = 1${keyAbsent('level_changes').where}`,
    },
    {
      // date_part, not EXTRACT: PostgreSQL's EXTRACT computes in numeric (1 M plays: 2.2 s against
      // 1.9 s). date_part gives a double there and on Redshift: cast to the columns' INTEGER.
      name: 'time',
      sql: `INSERT INTO ${t('time')} (start_time, hour, day, week, month, year, weekday)
SELECT start_time,
       ${['hour', 'day', 'week', 'month', 'year', 'dow'].map((part) => `CAST(date_part('${part}', start_time) AS INTEGER)`).join(', ')}
FROM (${playTimes(t, options, stagedRange)}) p
WHERE 1 = 1${absentFrom(`SELECT 1 FROM ${t('time')} tm WHERE tm.start_time = p.start_time AND ${stagedRange('tm.start_time', 'ts')}`)}`,
    },
    ...levelHistorySteps(t, { keyAbsent, eventPick: playPick, firstLoad: options.firstLoad }),
  ];
}

/** The staged plays (one per key) and the catalog song each matches, if any: what songplays and unmatched_plays are built from. */
function playsWithMatch(t: TableNames, playPick: string, playColumns: string): string {
  return `${stagedPlays(t, playPick, playColumns)}
LEFT JOIN (${catalogMatch(t)}) m ON m.pick = 1 AND m.title = e.song AND m.name = e.artist AND m.duration = e.length`;
}

/** The staged plays as `e`, each with `pick` = 1 for the one row per key the transform keeps. */
function stagedPlays(t: TableNames, playPick: string, playColumns: string): string {
  return `FROM (
  SELECT ${playColumns},
         ${playPick} AS pick
  FROM ${t('staging_events')}
  WHERE page = 'NextSong'
) e`;
}

/** The plays this run added without a song, read from songplays (some staged plays may be there already). */
function unmatchedPlays(t: TableNames, playPick: string, absent: KeyAbsent, stagedRange: (column: string, staged: string) => string): string {
  return `INSERT INTO ${t('unmatched_plays')} (session_id, item_in_session, song, artist, length)
SELECT e.session_id, e.item_in_session, e.song, e.artist, e.length
${stagedPlays(t, playPick, 'session_id, item_in_session, song, artist, length')}
JOIN ${t('songplays')} p ON p.session_id = e.session_id AND p.item_in_session = e.item_in_session${absent.join}
WHERE e.pick = 1
  AND p.song_id IS NULL AND ${stagedRange('p.session_id', 'session_id')}${absent.where}`;
}

/**
 * On empty star tables every staged play is new, so the plays without a song are the staged
 * ones the catalog does not match: the same small join as songplays, not a join with the
 * fact table just written (a hash of every play, at 10 M events the biggest of the transform).
 */
function firstLoadUnmatchedPlays(t: TableNames, playPick: string): string {
  return `INSERT INTO ${t('unmatched_plays')} (session_id, item_in_session, song, artist, length)
SELECT e.session_id, e.item_in_session, e.song, e.artist, e.length
${playsWithMatch(t, playPick, 'session_id, item_in_session, song, artist, length')}
WHERE e.pick = 1 AND m.song_id IS NULL`;
}

/**
 * The start times of this run's plays. On a first load of unique keys every staged NextSong
 * became a play, so they are read from staging: committed rows, scanned at twice the speed of
 * the fact table just written in the open transaction.
 */
function playTimes(t: TableNames, options: TransformOptions, stagedRange: (column: string, staged: string) => string): string {
  if (options.firstLoad && options.stagedKeysUnique) return `SELECT DISTINCT ts AS start_time FROM ${t('staging_events')} WHERE page = 'NextSong'`;
  return `SELECT DISTINCT start_time FROM ${t('songplays')}${options.firstLoad ? '' : ` WHERE ${stagedRange('start_time', 'ts')}`}`;
}

/** Catalog songs by title, artist name and duration; `pick = 1` is the one a play matches (the lowest song_id on a tie). */
function catalogMatch(t: TableNames): string {
  return `SELECT s.song_id, s.artist_id, s.title, a.name, s.duration,
         ROW_NUMBER() OVER (PARTITION BY s.title, a.name, s.duration ORDER BY s.song_id) AS pick
  FROM ${t('songs')} s
  JOIN ${t('artists')} a ON a.artist_id = s.artist_id`;
}

/**
 * Each user's latest staged event: its level is the user's level from then on. The window
 * only ranks the events at each user's latest ts (found by a GROUP BY): ranking all of them
 * sorted every staged event by user.
 */
function latestUserEvent(t: TableNames): string {
  return `SELECT user_id, first_name, last_name, gender, level, ts
  FROM (
    SELECT e.user_id, e.first_name, e.last_name, e.gender, e.level, e.ts,
           ROW_NUMBER() OVER (PARTITION BY e.user_id ORDER BY e.session_id DESC, e.item_in_session DESC) AS pick
    FROM ${t('staging_events')} e
    JOIN (SELECT user_id, MAX(ts) AS ts FROM ${t('staging_events')} WHERE user_id <> '' GROUP BY user_id) latest
      ON latest.user_id = e.user_id AND latest.ts = e.ts
  ) ranked
  WHERE pick = 1`;
}

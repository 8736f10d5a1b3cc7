import { fieldsOf, stagingColumn, stagingTableOf, type RecordKind } from './record-fields.js';
import type { TableDef } from './table-def.js';

/**
 * A staging table holds one column per record field, in the fields' order (the JSONPaths order of
 * the Udacity log_json_path.json: Redshift COPY maps by position), then the file each row came from.
 */
function stagingTable(kind: RecordKind): TableDef {
  return {
    name: stagingTableOf(kind),
    role: 'staging',
    columns: [...fieldsOf(kind).map(stagingColumn), { name: 'source_file', type: 'longtext' }],
    distribution: { style: 'EVEN' },
  };
}

export const stagingEvents = stagingTable('events');
export const stagingSongs = stagingTable('songs');

/** One row per NextSong event; (session_id, item_in_session) is the event's natural key. */
export const songplays: TableDef = {
  name: 'songplays',
  role: 'star',
  columns: [
    { name: 'songplay_id', type: 'identity', notNull: true },
    { name: 'start_time', type: 'timestamp', notNull: true },
    { name: 'user_id', type: 'text' },
    { name: 'level', type: 'text' },
    { name: 'song_id', type: 'text' },
    { name: 'artist_id', type: 'text' },
    { name: 'session_id', type: 'integer', notNull: true },
    { name: 'item_in_session', type: 'integer', notNull: true },
    { name: 'location', type: 'text' },
    { name: 'user_agent', type: 'longtext' },
  ],
  primaryKey: ['songplay_id'],
  unique: ['session_id', 'item_in_session'],
  distribution: { style: 'KEY', distKey: 'song_id', sortKey: ['start_time'] },
};

export const users: TableDef = {
  name: 'users',
  role: 'star',
  columns: [
    { name: 'user_id', type: 'text', notNull: true },
    { name: 'first_name', type: 'text' },
    { name: 'last_name', type: 'text' },
    { name: 'gender', type: 'text' },
    { name: 'level', type: 'text' },
    // The time of the event the level was taken from, so a later run only moves it forward.
    { name: 'last_seen', type: 'timestamp' },
  ],
  primaryKey: ['user_id'],
  distribution: { style: 'ALL', sortKey: ['user_id'] },
};

export const songs: TableDef = {
  name: 'songs',
  role: 'star',
  columns: [
    { name: 'song_id', type: 'text', notNull: true },
    { name: 'title', type: 'longtext' },
    { name: 'artist_id', type: 'text' },
    { name: 'year', type: 'integer' },
    { name: 'duration', type: 'double' },
  ],
  primaryKey: ['song_id'],
  distribution: { style: 'KEY', distKey: 'song_id', sortKey: ['song_id'] },
};

export const artists: TableDef = {
  name: 'artists',
  role: 'star',
  columns: [
    { name: 'artist_id', type: 'text', notNull: true },
    { name: 'name', type: 'longtext' },
    { name: 'location', type: 'longtext' },
    { name: 'latitude', type: 'double' },
    { name: 'longitude', type: 'double' },
  ],
  primaryKey: ['artist_id'],
  distribution: { style: 'ALL', sortKey: ['artist_id'] },
};

export const time: TableDef = {
  name: 'time',
  role: 'star',
  columns: [
    { name: 'start_time', type: 'timestamp', notNull: true },
    { name: 'hour', type: 'integer' },
    { name: 'day', type: 'integer' },
    { name: 'week', type: 'integer' },
    { name: 'month', type: 'integer' },
    { name: 'year', type: 'integer' },
    { name: 'weekday', type: 'integer' },
  ],
  primaryKey: ['start_time'],
  distribution: { style: 'ALL', sortKey: ['start_time'] },
};

/** Upgrades and downgrades (the Submit Upgrade / Submit Downgrade pages), kept across runs for the analyses. */
export const levelChanges: TableDef = {
  name: 'level_changes',
  role: 'star',
  columns: [
    { name: 'session_id', type: 'integer', notNull: true },
    { name: 'item_in_session', type: 'integer', notNull: true },
    { name: 'user_id', type: 'text' },
    { name: 'changed_at', type: 'timestamp', notNull: true },
    { name: 'change', type: 'text', notNull: true },
  ],
  unique: ['session_id', 'item_in_session'],
  distribution: { style: 'ALL', sortKey: ['changed_at'] },
};

/** Every rejected record: file, line and reason, as Redshift keeps stl_load_errors. */
export const loadErrors: TableDef = {
  name: 'load_errors',
  role: 'meta',
  columns: [
    { name: 'run_id', type: 'text', notNull: true },
    { name: 'kind', type: 'text', notNull: true },
    { name: 'source_file', type: 'longtext', notNull: true },
    { name: 'line_number', type: 'bigint' },
    { name: 'reason', type: 'longtext', notNull: true },
    { name: 'raw_line', type: 'longtext' },
  ],
  distribution: { style: 'EVEN' },
};

/** Source files already loaded, so `etl` loads only what is new or changed. */
export const loadManifest: TableDef = {
  name: 'load_manifest',
  role: 'meta',
  columns: [
    { name: 'kind', type: 'text', notNull: true },
    { name: 'source_file', type: 'longtext', notNull: true },
    { name: 'size_bytes', type: 'bigint' },
    { name: 'content_tag', type: 'text' },
    { name: 'rows_loaded', type: 'bigint' },
    { name: 'run_id', type: 'text', notNull: true },
  ],
  primaryKey: ['kind', 'source_file'],
  distribution: { style: 'ALL' },
};

/** One row per etl run: when, from where, counts, rejects, outcome. */
export const etlRuns: TableDef = {
  name: 'etl_runs',
  role: 'meta',
  columns: [
    { name: 'run_id', type: 'text', notNull: true },
    { name: 'started_at', type: 'timestamp', notNull: true },
    { name: 'finished_at', type: 'timestamp' },
    { name: 'target', type: 'text' },
    { name: 'source', type: 'longtext' },
    { name: 'status', type: 'text', notNull: true },
    { name: 'files', type: 'integer' },
    { name: 'rejects', type: 'integer' },
    { name: 'summary_json', type: 'longtext' },
    { name: 'error', type: 'longtext' },
  ],
  primaryKey: ['run_id'],
  distribution: { style: 'ALL' },
};

export const stagingTables = [stagingEvents, stagingSongs];
export const starTables = [songplays, users, songs, artists, time];
export const metaTables = [loadErrors, loadManifest, etlRuns];
/** Tables the transform fills beside the five of the star schema. */
export const derivedTables = [levelChanges];
export const allTables = [...stagingTables, ...starTables, ...derivedTables, ...metaTables];

import type { ColumnDef, ColumnType } from './table-def.js';

/**
 * How a JSON value is accepted: `string`, `integer` (32-bit), `number`, `epoch_ms`
 * (integer milliseconds), or `id` (string, or an integer taken as its decimal text).
 */
export type FieldKind = 'string' | 'integer' | 'number' | 'epoch_ms' | 'id';

export interface RecordField {
  /** Key in the source JSON. */
  key: string;
  /** Staging column it fills. */
  column: string;
  kind: FieldKind;
  /** Present, not null and (for text) not empty. */
  required?: boolean;
  /** Text that may be long (user agents, titles, places): a wide column where widths count. */
  long?: boolean;
  /** Checked like every field, but no step after staging reads it: scratch staging need not hold it. */
  unreadAfterStaging?: boolean;
}

export type RecordKind = 'events' | 'songs';

/** The rules every engine applies to an event log record. */
export const eventFields: RecordField[] = [
  { key: 'artist', column: 'artist', kind: 'string' },
  { key: 'auth', column: 'auth', kind: 'string', unreadAfterStaging: true },
  { key: 'firstName', column: 'first_name', kind: 'string' },
  { key: 'gender', column: 'gender', kind: 'string' },
  { key: 'itemInSession', column: 'item_in_session', kind: 'integer', required: true },
  { key: 'lastName', column: 'last_name', kind: 'string' },
  { key: 'length', column: 'length', kind: 'number' },
  { key: 'level', column: 'level', kind: 'string' },
  { key: 'location', column: 'location', kind: 'string' },
  { key: 'method', column: 'method', kind: 'string', unreadAfterStaging: true },
  { key: 'page', column: 'page', kind: 'string', required: true },
  { key: 'registration', column: 'registration', kind: 'number', unreadAfterStaging: true },
  { key: 'sessionId', column: 'session_id', kind: 'integer', required: true },
  { key: 'song', column: 'song', kind: 'string' },
  { key: 'status', column: 'status', kind: 'integer', unreadAfterStaging: true },
  { key: 'ts', column: 'ts', kind: 'epoch_ms', required: true },
  { key: 'userAgent', column: 'user_agent', kind: 'string', long: true },
  { key: 'userId', column: 'user_id', kind: 'id' },
];

/** The rules every engine applies to a song metadata record. */
export const songFields: RecordField[] = [
  { key: 'num_songs', column: 'num_songs', kind: 'integer', unreadAfterStaging: true },
  { key: 'artist_id', column: 'artist_id', kind: 'string', required: true },
  { key: 'artist_latitude', column: 'artist_latitude', kind: 'number' },
  { key: 'artist_longitude', column: 'artist_longitude', kind: 'number' },
  { key: 'artist_location', column: 'artist_location', kind: 'string', long: true },
  { key: 'artist_name', column: 'artist_name', kind: 'string', long: true },
  { key: 'song_id', column: 'song_id', kind: 'string', required: true },
  { key: 'title', column: 'title', kind: 'string', long: true },
  { key: 'duration', column: 'duration', kind: 'number' },
  { key: 'year', column: 'year', kind: 'integer' },
];

export function fieldsOf(kind: RecordKind): RecordField[] {
  return kind === 'events' ? eventFields : songFields;
}

/** The fields a staging table holds, each with its index among all the kind's fields (its place in a decoded record). */
export function storedFields(kind: RecordKind, holdsUnread: boolean): { field: RecordField; index: number }[] {
  return fieldsOf(kind)
    .map((field, index) => ({ field, index }))
    .filter(({ field }) => holdsUnread || !field.unreadAfterStaging);
}

export function stagingTableOf(kind: RecordKind): string {
  return kind === 'events' ? 'staging_events' : 'staging_songs';
}

const columnTypes: Record<FieldKind, ColumnType> = { string: 'text', id: 'text', integer: 'integer', number: 'double', epoch_ms: 'timestamp' };

/** The staging column a field fills. */
export function stagingColumn(field: RecordField): ColumnDef {
  return { name: field.column, type: field.long ? 'longtext' : columnTypes[field.kind] };
}

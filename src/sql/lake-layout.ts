import { quoteIdent } from './quote.js';

/** How one star table is laid out in the lake: its folder, the columns written, and the hive partition columns. */
export interface LakeTable {
  name: string;
  /** The SELECT list over the table (alias t), partition columns last. */
  select: string;
  partitionBy: string[];
}

/**
 * The layout of the Spark version of the project: songplays and time by year= / month=,
 * songs by year= / artist_id=, users and artists whole. songplays has no year or month of
 * its own: they come from start_time, as Spark's `partitionBy("year", "month")` needed them.
 */
export const lakeTables: LakeTable[] = [
  {
    name: 'songplays',
    select:
      'songplay_id, start_time, user_id, level, song_id, artist_id, session_id, item_in_session, location, user_agent, ' +
      'CAST(EXTRACT(year FROM start_time) AS INTEGER) AS year, CAST(EXTRACT(month FROM start_time) AS INTEGER) AS month',
    partitionBy: ['year', 'month'],
  },
  { name: 'time', select: 'start_time, hour, day, week, weekday, year, month', partitionBy: ['year', 'month'] },
  { name: 'songs', select: 'song_id, title, duration, year, artist_id', partitionBy: ['year', 'artist_id'] },
  { name: 'users', select: 'user_id, first_name, last_name, gender, level', partitionBy: [] },
  { name: 'artists', select: 'artist_id, name, location, latitude, longitude', partitionBy: [] },
];

/** DuckDB's COPY of one lake table into `dir` (a folder per table; one file when it is not partitioned). */
export function copyToParquetSql(qualifiedTable: string, table: LakeTable, dir: string, literal: (s: string) => string): string {
  const query = `SELECT ${table.select} FROM ${qualifiedTable}`;
  if (table.partitionBy.length === 0) return `COPY (${query}) TO ${literal(`${dir}/${table.name}/${table.name}.parquet`)} (FORMAT parquet)`;
  const by = table.partitionBy.map(quoteIdent).join(', ');
  return `COPY (${query}) TO ${literal(`${dir}/${table.name}`)} (FORMAT parquet, PARTITION_BY (${by}), OVERWRITE true)`;
}

import type { Warehouse } from '../../src/engines/warehouse.js';
import { qualified } from '../../src/sql/quote.js';

/** The five star tables in a stable order, without the surrogate songplay_id: what two warehouses must agree on. */
export async function starSnapshot(warehouse: Warehouse): Promise<Record<string, unknown[]>> {
  const t = (name: string) => qualified(warehouse.schema, name);
  return {
    songplays: await warehouse.query(
      `SELECT start_time, user_id, level, song_id, artist_id, session_id, item_in_session, location, user_agent FROM ${t('songplays')} ORDER BY session_id, item_in_session`,
    ),
    users: await warehouse.query(`SELECT user_id, first_name, last_name, gender, level FROM ${t('users')} ORDER BY user_id`),
    songs: await warehouse.query(`SELECT song_id, title, artist_id, year, duration FROM ${t('songs')} ORDER BY song_id`),
    artists: await warehouse.query(`SELECT artist_id, name, location, latitude, longitude FROM ${t('artists')} ORDER BY artist_id`),
    time: await warehouse.query(`SELECT start_time, hour, day, week, month, year, weekday FROM ${t('time')} ORDER BY start_time`),
  };
}

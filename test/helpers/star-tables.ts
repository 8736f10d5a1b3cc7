import type { Row, Warehouse } from '../../src/engines/warehouse.js';
import { starTables } from '../../src/schema/tables.js';
import { qualified } from '../../src/sql/quote.js';

const naturalKey: Record<string, string[]> = {
  songplays: ['session_id', 'item_in_session'],
  users: ['user_id'],
  songs: ['song_id'],
  artists: ['artist_id'],
  time: ['start_time'],
};

/**
 * Every row of the five star tables without the surrogate songplay_id, sorted by natural
 * key in JS (so the server's collation cannot change the order): comparable across engines.
 */
export async function starTableRows(warehouse: Warehouse): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of starTables) {
    const columns = table.columns.map((c) => c.name).filter((c) => c !== 'songplay_id');
    const rows = await warehouse.query(`SELECT ${columns.join(', ')} FROM ${qualified(warehouse.schema, table.name)}`);
    const key = (r: Row) => JSON.stringify(naturalKey[table.name]!.map((k) => r[k]));
    out[table.name] = rows
      .map((r) => ({ key: key(r), r }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((x) => x.r);
  }
  return out;
}

/** The earlier name of starTableRows. */
export const starSnapshot = starTableRows;

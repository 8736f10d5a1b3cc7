// The baseline process: DuckDB's own JSON reader, auto-detecting, events and songs each into
// one table of a fresh file. Usage: node bench/bare-read.mjs SOURCE DB
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

/** Reads SOURCE's log_data and song_data into tables `events` and `songs` of the DuckDB file DB. */
export async function bareRead(source, db) {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE events AS SELECT * FROM read_json('${join(source, 'log_data')}/**/*.json')`);
  await connection.run(`CREATE TABLE songs AS SELECT * FROM read_json('${join(source, 'song_data')}/**/*.json')`);
  connection.closeSync();
  instance.closeSync();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await bareRead(...process.argv.slice(2));

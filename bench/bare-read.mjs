// The baseline process: DuckDB's own JSON reader, auto-detecting, events and songs each into
// one table of a fresh file. Usage: node bench/bare-read.mjs SOURCE DB
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [source, db] = process.argv.slice(2);
const instance = await DuckDBInstance.create(db);
const connection = await instance.connect();
await connection.run(`CREATE TABLE events AS SELECT * FROM read_json('${join(source, 'log_data')}/**/*.json')`);
await connection.run(`CREATE TABLE songs AS SELECT * FROM read_json('${join(source, 'song_data')}/**/*.json')`);
connection.closeSync();
instance.closeSync();

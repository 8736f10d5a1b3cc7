import { resolve } from 'node:path';
import type { Config } from '../config/config.js';
import type { Warehouse } from '../engines/warehouse.js';
import { SparkifyError } from '../errors.js';
import { redactSecrets } from '../redact.js';
import { sourceLocations } from '../sources/source-locations.js';
import { bookkeepingSql } from '../sql/bookkeeping.js';

/** How a run treats a warehouse loaded from somewhere else: refuse, replace it (`--full-refresh`) or add to it (`--add-source`). */
export type SourceMode = 'same' | 'replace' | 'add';

const sqlOf = (warehouse: Warehouse) => bookkeepingSql(warehouse.schema).sources;

/**
 * What a source is, whichever way it was named: the root folder or s3:// prefix of the Udacity
 * layout, or both sides when --log-data / --song-data point elsewhere. Local paths are absolute.
 */
export function sourceIdentity(config: Config, fallback: string): string {
  let sides: ReturnType<typeof sourceLocations>;
  try {
    sides = sourceLocations(config);
  } catch {
    return fallback;
  }
  const norm = (place: string) => (place.startsWith('s3://') ? place.replace(/\/+$/, '') : resolve(place));
  const logData = norm(sides.events.path);
  const songData = sides.songs ? norm(sides.songs.path) : undefined;
  const root = logData.replace(/\/log_data$/, '');
  if (root !== logData && songData === `${root}/song_data`) return redactSecrets(root);
  return redactSecrets(songData ? `${logData} + ${songData}` : logData);
}

/** Fails, before anything is loaded, when the warehouse holds data from another source and the run did not say what to do. */
export async function checkSource(warehouse: Warehouse, identity: string, mode: SourceMode): Promise<void> {
  if (mode !== 'same') return;
  const known = (await warehouse.query(sqlOf(warehouse).all)).map((r) => String(r.source));
  if (known.length === 0 || known.includes(identity)) return;
  throw new SparkifyError(
    'REFUSED',
    `${warehouse.description} was loaded from ${known.join(' and ')}, not from ${identity}; loading it would merge two datasets. ` +
      `Load ${known.length === 1 ? 'that source' : 'one of those'} again, or pass --full-refresh to replace the warehouse's contents with ${identity}, ` +
      `or --add-source to add ${identity} beside it on purpose (or choose another --database).`,
  );
}

/** Remembers the source, inside the publish transaction: replacing the list on a full refresh. */
export async function recordSource(warehouse: Warehouse, identity: string, mode: SourceMode, runId: string): Promise<void> {
  if (mode === 'replace') await warehouse.run(sqlOf(warehouse).forgetAll);
  const [present] = await warehouse.query(sqlOf(warehouse).count, [identity]);
  if (Number(present?.n ?? 0) === 0) await warehouse.run(sqlOf(warehouse).add, [identity, runId]);
}

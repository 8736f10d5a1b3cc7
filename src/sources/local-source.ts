import { statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SparkifyError } from '../errors.js';
import type { SourceFile } from './source-file.js';

const dataFile = /\.json(\.gz)?$/i;

/** Lists the .json / .json.gz files under a folder (or the one file given), sorted by path. */
export async function listLocalFiles(root: string): Promise<SourceFile[]> {
  const top = resolve(root);
  const info = await stat(top).catch(() => undefined);
  if (!info) throw new SparkifyError('SOURCE', `${top} does not exist — check --source / --log-data / --song-data`);
  if (info.isFile()) return [{ path: top, size: info.size, tag: `${Math.round(info.mtimeMs)}-${info.size}` }];
  const entries = await readdir(top, { recursive: true, withFileTypes: true });
  const paths = entries.filter((e) => e.isFile() && dataFile.test(e.name)).map((e) => join(e.parentPath, e.name));
  paths.sort();
  // Synchronous stat: for 100,000 one-song files several times faster than the promise API.
  return paths.map((path) => {
    const { size, mtimeMs } = statSync(path);
    return { path, size, tag: `${Math.round(mtimeMs)}-${size}` };
  });
}

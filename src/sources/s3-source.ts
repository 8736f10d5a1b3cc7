import type { Config } from '../config/config.js';
import { SparkifyError } from '../errors.js';
import { listLocalFiles } from './local-source.js';
import { S3Cache } from '../s3/cache.js';
import { openS3, type S3Access, type S3Credentials } from '../s3/client.js';
import { downloadObject, forEachBounded } from '../s3/download.js';
import { listDataObjects, type S3Object } from '../s3/list.js';
import { isUnder, parseS3Url, type S3Location } from '../s3/url.js';
import type { SourceFile, SourceFiles } from './source-file.js';

/** Download progress; the last report of a run doubles as its statistics. */
export interface S3Progress {
  /** Data objects listed under the prefixes. */
  listed: number;
  /** Of those, already cached with the same ETag: not fetched. */
  cached: number;
  /** Objects to fetch this run, and fetched so far. */
  totalFiles: number;
  files: number;
  /** Bytes to fetch this run (from the listing), and received so far. */
  totalBytes: number;
  bytes: number;
  /** Cached copies deleted because their object is no longer in the bucket. */
  removed: number;
}

export interface S3SourceOptions {
  onProgress?: (progress: S3Progress) => void;
  /** Explicit credentials; otherwise dwh.cfg [AWS] KEY/SECRET, the AWS default chain, then unsigned. */
  credentials?: S3Credentials;
  /** Parallel downloads (default 16). */
  concurrency?: number;
  /** ListObjectsV2 page size (default S3's 1000). */
  pageSize?: number;
}

interface Side {
  location: S3Location;
  objects: S3Object[];
}

const saveEveryMs = 5_000;

/**
 * Brings the S3 side(s) of a source into the local cache and lists them like local files:
 * `path` is the cached copy, `tag` the ETag. Only new or changed objects are fetched; cached
 * copies of objects that left the bucket are dropped. A side that is a local folder is listed as such.
 */
export async function fetchS3Source(config: Config, logData: string, songData: string, options: S3SourceOptions = {}): Promise<SourceFiles> {
  const label = config.source ?? `${logData} + ${songData}`;
  const locations = [logData, songData].map((where) => (where.startsWith('s3://') ? parseS3Url(where) : undefined));
  const access = await openS3(config, options.credentials);
  try {
    const sides = await Promise.all(
      locations.map(async (location): Promise<Side | undefined> => {
        if (!location) return undefined;
        const objects = await listDataObjects(access, location, { pageSize: options.pageSize });
        if (objects.length === 0) {
          throw new SparkifyError('SOURCE', `no .json or .json.gz objects under ${location.url} — check the prefix (the Udacity layout has log_data/ and song_data/ under --source)`);
        }
        return { location, objects };
      }),
    );
    const copies = await sync(config, access, sides.filter((side): side is Side => side !== undefined), options);
    const filesOf = async (where: string, side: Side | undefined): Promise<SourceFile[]> => {
      if (!side) return listLocalFiles(where);
      const inBucket = copies.get(side.location.bucket)!;
      return side.objects.flatMap((o) => {
        const copy = inBucket.get(o.key);
        return copy ? [{ path: copy.path, size: copy.size, tag: copy.etag }] : [];
      });
    };
    const [events, songs] = await Promise.all([filesOf(logData, sides[0]), filesOf(songData, sides[1])]);
    return { label, events, songs };
  } finally {
    access.client.destroy();
  }
}

/** Bucket → key → cached copy. */
type Copies = Map<string, Map<string, { path: string; size: number; etag: string }>>;

/** Per bucket: key → cached copy. Fetches what is missing or changed, drops what is gone. */
async function sync(config: Config, access: S3Access, sides: Side[], options: S3SourceOptions): Promise<Copies> {
  const caches = new Map<string, S3Cache>();
  for (const { location } of sides) {
    if (!caches.has(location.bucket)) caches.set(location.bucket, await S3Cache.open(config.cacheDir, access.endpoint, location.bucket));
  }
  const result: Copies = new Map([...caches.keys()].map((bucket) => [bucket, new Map()]));
  const progress: S3Progress = { listed: 0, cached: 0, totalFiles: 0, files: 0, totalBytes: 0, bytes: 0, removed: 0 };
  const report = () => options.onProgress?.({ ...progress });
  const candidates: { cache: S3Cache; object: S3Object }[] = [];
  const seen = new Set<string>();
  for (const { location, objects } of sides) {
    const cache = caches.get(location.bucket)!;
    const listed = new Set(objects.map((o) => o.key));
    for (const key of cache.keys()) {
      if (isUnder(location, key) && !listed.has(key)) {
        await cache.forget(key);
        progress.removed += 1;
      }
    }
    for (const object of objects) {
      // Overlapping prefixes (`s3://b/` and `s3://b/song_data`) must not fetch a key twice.
      if (seen.has(`${location.bucket}/${object.key}`)) continue;
      seen.add(`${location.bucket}/${object.key}`);
      candidates.push({ cache, object });
    }
  }
  const todo: typeof candidates = [];
  // Check the copies in slices: 100,000 song files must not open 100,000 handles at once.
  for (let i = 0; i < candidates.length; i += 256) {
    const slice = candidates.slice(i, i + 256);
    const fresh = await Promise.all(slice.map(({ cache, object }) => cache.has(object.key, object.etag, object.size)));
    slice.forEach(({ cache, object }, k) => {
      if (fresh[k]) {
        progress.cached += 1;
        result.get(cache.bucket)!.set(object.key, { path: cache.pathOf(object.key), size: object.size, etag: object.etag });
      } else {
        todo.push({ cache, object });
        progress.totalFiles += 1;
        progress.totalBytes += object.size;
      }
    });
  }
  progress.listed = candidates.length;
  report();

  let lastSave = Date.now();
  let saving = Promise.resolve();
  const saveAll = () => (saving = saving.then(async () => void (await Promise.all([...caches.values()].map((c) => c.save())))));
  try {
    await forEachBounded(todo, options.concurrency ?? 16, async ({ cache, object }) => {
      const got = await downloadObject(access, cache, object, (bytes) => {
        progress.bytes += bytes;
        report();
      });
      if ('gone' in got) {
        // Deleted between listing and fetching: like any vanished object, it is not loaded.
        await cache.forget(object.key);
        progress.removed += 1;
      } else {
        cache.record(object.key, got);
        result.get(cache.bucket)!.set(object.key, { path: cache.pathOf(object.key), ...got });
      }
      progress.files += 1;
      report();
      if (Date.now() - lastSave > saveEveryMs) {
        lastSave = Date.now();
        await saveAll();
      }
    });
  } finally {
    // Whatever arrived is kept for the next run, even when this one fails.
    await saveAll();
  }
  return result;
}

import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { SparkifyError } from '../errors.js';

/** What the cache knows of one object: the ETag and size of the copy on disk. */
export interface CacheEntry {
  etag: string;
  size: number;
}

interface IndexFile {
  version: 1;
  bucket: string;
  objects: Record<string, CacheEntry>;
}

/** Old enough that no live run is still writing it. */
const staleTempMs = 60 * 60 * 1000;

/** `https://minio.local:9000` → `minio.local_9000`; AWS itself is `aws`. */
export function endpointFolder(endpoint: string | undefined): string {
  if (!endpoint) return 'aws';
  return endpoint
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '')
    .replace(/[^A-Za-z0-9.-]/g, '_');
}

/**
 * A key as a relative path, one folder per `/`. Segments a file system cannot hold as they are
 * (empty, `.`, `..`) are escaped with `%`, and `%` itself too, so distinct keys stay distinct.
 */
export function keyToPath(key: string): string {
  return key
    .split('/')
    .map((part) => (part === '' ? '%' : part === '.' ? '%2E' : part === '..' ? '%2E%2E' : part.replaceAll('%', '%25')))
    .join(sep);
}

/** The object a cached copy stands for, `s3://bucket/key`, from its path (`…/s3/<endpoint>/<bucket>/objects/<key>`); undefined for other paths. */
export function cachedObjectUrl(path: string): string | undefined {
  const match = /[\\/]s3[\\/][^\\/]+[\\/]([^\\/]+)[\\/]objects[\\/](.+)$/.exec(path);
  if (!match) return undefined;
  const key = match[2]!
    .split(/[\\/]/)
    .map((part) => (part === '%' ? '' : part === '%2E' ? '.' : part === '%2E%2E' ? '..' : part.replaceAll('%25', '%')))
    .join('/');
  return `s3://${match[1]}/${key}`;
}

/**
 * The local copies of one bucket's objects: `<root>/objects/<key>` plus `index.json`
 * mapping each key to the ETag and size of its copy. Downloads land in `<root>/tmp/` and
 * are renamed into place, so a file under `objects/` is always complete.
 */
export class S3Cache {
  private constructor(
    readonly root: string,
    readonly bucket: string,
    private readonly objects: Map<string, CacheEntry>,
  ) {}

  /** Opens (or starts) the cache of `bucket` under `cacheDir/s3/<endpoint>/<bucket>`; a damaged index counts as empty. */
  static async open(cacheDir: string, endpoint: string | undefined, bucket: string): Promise<S3Cache> {
    const root = join(cacheDir, 's3', endpointFolder(endpoint), bucket);
    const objects = new Map<string, CacheEntry>();
    try {
      const index = JSON.parse(await readFile(join(root, 'index.json'), 'utf8')) as IndexFile;
      if (index.version === 1 && index.bucket === bucket) {
        for (const [key, entry] of Object.entries(index.objects)) {
          if (typeof entry?.etag === 'string' && Number.isSafeInteger(entry.size)) objects.set(key, { etag: entry.etag, size: entry.size });
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
    }
    await mkdir(join(root, 'tmp'), { recursive: true });
    await sweepTemp(join(root, 'tmp'));
    return new S3Cache(root, bucket, objects);
  }

  /** Where the copy of `key` lives. */
  pathOf(key: string): string {
    const objects = join(this.root, 'objects');
    const path = resolve(objects, keyToPath(key));
    // keyToPath already neutralises `..`; this guards against anything it missed.
    if (relative(objects, path).startsWith('..')) throw new SparkifyError('SOURCE', `S3 key "${key}" cannot be cached safely`);
    return path;
  }

  /** A fresh name in the cache's temp folder, for a download in progress. */
  tempPath(): string {
    return join(this.root, 'tmp', `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.part`);
  }

  /** Keys the index knows. */
  keys(): string[] {
    return [...this.objects.keys()];
  }

  /** True when the copy of `key` has this ETag and size and is still on disk, whole. */
  async has(key: string, etag: string, size: number): Promise<boolean> {
    const entry = this.objects.get(key);
    if (!entry || entry.etag !== etag || entry.size !== size) return false;
    const info = await stat(this.pathOf(key)).catch(() => undefined);
    return info?.isFile() === true && info.size === size;
  }

  record(key: string, entry: CacheEntry): void {
    this.objects.set(key, entry);
  }

  /** Drops `key` from the index and deletes its copy. */
  async forget(key: string): Promise<void> {
    this.objects.delete(key);
    await rm(this.pathOf(key), { force: true });
  }

  /** Writes the index atomically (temp file + rename): a crash leaves the old index or the new one. */
  async save(): Promise<void> {
    const index: IndexFile = { version: 1, bucket: this.bucket, objects: Object.fromEntries([...this.objects].sort(([a], [b]) => (a < b ? -1 : 1))) };
    const temp = this.tempPath();
    await writeFile(temp, JSON.stringify(index));
    await rename(temp, join(this.root, 'index.json'));
  }
}

/** Removes partial downloads left by runs that were killed. */
async function sweepTemp(dir: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(dir).catch(() => [])) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > staleTempMs) await rm(path, { force: true });
  }
}

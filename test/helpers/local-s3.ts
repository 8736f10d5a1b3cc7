import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** One request that reached the local S3, as the recording proxy saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

/** An s3rver on 127.0.0.1 behind a small proxy that records requests and can refuse them. */
export interface LocalS3 {
  /** The proxy's URL: what `--s3-endpoint` should name. */
  endpoint: string;
  requests: SeenRequest[];
  /** When set, matching requests get 403 AccessDenied, as a private bucket answers. */
  deny: ((request: SeenRequest) => boolean) | undefined;
  /** Object downloads seen since the last `requests.length = 0`. */
  gets(): SeenRequest[];
  /** Puts every file of `dir` under `prefix` (e.g. `data/`), returns how many. */
  upload(bucket: string, dir: string, prefix: string): Promise<number>;
  put(bucket: string, key: string, body: string | Buffer): Promise<void>;
  remove(bucket: string, key: string): Promise<void>;
  close(): Promise<void>;
}

const listen = (server: Server) => new Promise<number>((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)));

const accessDenied = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>local</RequestId></Error>';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name !== 'README.md')
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const serverScript = fileURLToPath(new URL('./s3rver-process.mjs', import.meta.url));

/** Starts the s3rver child process; resolves with it and its port once it listens. */
async function spawnS3rver(directory: string, buckets: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--openssl-legacy-provider', serverScript, JSON.stringify({ directory, buckets })], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [first] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => [undefined])])) as [string | undefined];
  lines.close();
  if (!first) throw new Error('s3rver did not start (see its output above)');
  return { child, port: (JSON.parse(first) as { port: number }).port };
}

/** Starts s3rver in a temp folder on a free port with `buckets` created, and the proxy before it. */
export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'sparkify-s3rver-'));
  const { child, port: upstream } = await spawnS3rver(directory, buckets);

  const requests: SeenRequest[] = [];
  const proxy = createServer((incoming: IncomingMessage, outgoing) => {
    const seen = { method: incoming.method ?? 'GET', path: incoming.url ?? '/', authorization: incoming.headers.authorization };
    requests.push(seen);
    if (local.deny?.(seen)) {
      incoming.resume();
      outgoing.writeHead(403, { 'content-type': 'application/xml' }).end(accessDenied);
      return;
    }
    const forward = request({ host: '127.0.0.1', port: upstream, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  const endpoint = `http://127.0.0.1:${await listen(proxy)}`;

  // Straight to s3rver, signed with its built-in key; checksums only where required (s3rver predates them).
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${upstream}`,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const put = async (bucket: string, key: string, body: string | Buffer) => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body }));
  };

  const local: LocalS3 = {
    endpoint,
    requests,
    deny: undefined,
    gets: () => requests.filter((r) => r.method === 'GET' && r.path.includes('x-id=GetObject')),
    async upload(bucket, dir, prefix) {
      const files = filesUnder(dir);
      for (let i = 0; i < files.length; i += 16) {
        await Promise.all(files.slice(i, i + 16).map((file) => put(bucket, prefix + relative(dir, file).split('\\').join('/'), readFileSync(file))));
      }
      return files.length;
    },
    put,
    async remove(bucket, key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async close() {
      client.destroy();
      const closed = new Promise<void>((done) => proxy.close(() => done()));
      proxy.closeAllConnections();
      await closed;
      const exited = once(child, 'exit');
      child.stdin!.end();
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
      rmSync(directory, { recursive: true, force: true });
    },
  };
  return local;
}

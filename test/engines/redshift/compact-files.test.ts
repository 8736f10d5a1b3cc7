import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { compactFiles, type Compaction } from '../../../src/engines/redshift/compact/compact-files.js';
import { compactedJob, partsPrefix, relocateReject, sourceOf } from '../../../src/engines/redshift/compact/compact-job.js';
import { oneLine } from '../../../src/engines/redshift/compact/compact-source.js';
import { compactSettings, openCompactor } from '../../../src/engines/redshift/compact/compactor.js';
import { listKeys, listS3Files } from '../../../src/s3/list.js';
import { generateSample } from '../../../src/generate/index.js';
import { openS3, type S3Access } from '../../../src/s3/client.js';
import { parseS3Url } from '../../../src/s3/url.js';
import { scanObjects } from '../../../src/sources/scan-objects.js';
import { isolateAwsEnv } from '../../helpers/aws-env.js';
import { startLocalS3, type LocalS3 } from '../../helpers/local-s3.js';
import { songRecord } from '../../helpers/records.js';

const song = (i: number) =>
  songRecord({
    artist_id: `ARX${i}`,
    artist_location: 'Here, "quoted"\ttab',
    artist_name: `Band ${i}`,
    song_id: `SOX${i}`,
    title: `Ünïcode ${i} 🎵`,
    duration: 200.5 + i,
    year: 2000 + i,
  });

// Song files beyond the generated one-song files: how real and broken files look.
const extraSongs: Record<string, string | Buffer> = {
  'song_data/Z/pretty.json': `${JSON.stringify(song(1), null, 2)}\n${JSON.stringify(song(2), null, 4)}\n`,
  'song_data/Z/two-on-a-line.json': `${JSON.stringify(song(3))}${JSON.stringify(song(4))}`,
  'song_data/Z/crlf-bom.json': `\uFEFF${JSON.stringify(song(5), null, 2).replace(/\n/g, '\r\n')}\r\n`,
  'song_data/Z/gzipped.json.gz': gzipSync(`${JSON.stringify(song(6))}\n${JSON.stringify(song(7), null, 1)}\n`),
  // Junk between objects, and an object whose string holds a raw line break (invalid JSON that joining lines would "repair").
  'song_data/Z/junk.json': `${JSON.stringify(song(8))}\nnot json at all\n{"song_id": "SOBAD", "title": "line one\nline two"}\n`,
  'song_data/Z/big-number.json': '{"song_id": "SOBIG", "year": 12345678901234567890, "duration": 1.50}',
};

/** What each input file holds, split the way every engine splits it, as (file, line, text) records. */
function expectedRecords(files: Record<string, Buffer>, kind: 'songs' | 'events') {
  const out: { file: string; line: number; text: string }[] = [];
  for (const [file, raw] of Object.entries(files)) {
    const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').replace(/^\uFEFF/, '');
    if (kind === 'songs') for (const r of scanObjects(text)) out.push({ file, line: r.line, text: r.text });
    else
      text.split(/\r\n|\n|\r/).forEach((line, i) => {
        if (line.trim()) out.push({ file, line: i + 1, text: line });
      });
  }
  return out;
}

/** A record as compared: the parsed object (canonical) when it parses, else its text. */
const canonical = (text: string) => {
  try {
    return `json:${JSON.stringify(JSON.parse(text))}`;
  } catch {
    return `text:${text}`;
  }
};

describe('compacting many small files into a few gzip parts (local S3 server)', () => {
  let s3: LocalS3;
  let access: S3Access;
  let dir: string;
  let restoreEnv: () => void;
  const songs: Record<string, Buffer> = {};
  const events: Record<string, Buffer> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sparkify-compact-'));
    restoreEnv = isolateAwsEnv({ AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    s3 = await startLocalS3(['source', 'own']);
    await generateSample({ outDir: dir, events: 4000, songs: 2000, seed: 7, days: 6, songsPerFile: 1 });
    for (const side of ['song_data', 'log_data'] as const) {
      for (const entry of readdirSync(join(dir, side), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const key = `${side}/${relative(join(dir, side), join(entry.parentPath, entry.name))}`;
        (side === 'song_data' ? songs : events)[key] = readFileSync(join(entry.parentPath, entry.name));
      }
    }
    for (const [key, body] of Object.entries(extraSongs)) songs[key] = Buffer.from(body);
    // A blank line and CRLF in one event log.
    const [firstLog] = Object.keys(events).sort();
    events[firstLog!] = Buffer.from(events[firstLog!]!.toString('utf8').replace('\n', '\n\n').replace(/\n/g, '\r\n'));
    const all = Object.entries({ ...songs, ...events });
    for (let i = 0; i < all.length; i += 32) await Promise.all(all.slice(i, i + 32).map(([key, body]) => s3.put('source', key, body)));
    access = await openS3(loadConfig({ cwd: dir, env: { SPARKIFY_S3_ENDPOINT: s3.endpoint, SPARKIFY_REGION: 'us-east-1' } }));
  }, 120_000);
  afterAll(async () => {
    access?.client.destroy();
    await s3?.close();
    restoreEnv?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const download = async (url: string) => {
    const { bucket, prefix } = parseS3Url(url);
    const answer = await access.client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix }));
    return Buffer.from(await answer.Body!.transformToByteArray());
  };
  const partLines = async (compaction: Compaction) => {
    const lines: { url: string; line: number; text: string }[] = [];
    for (const part of compaction.parts) {
      const text = gunzipSync(await download(part.url)).toString('utf8');
      expect(text.endsWith('\n')).toBe(true);
      text
        .slice(0, -1)
        .split('\n')
        .forEach((t, i) => {
          lines.push({ url: part.url, line: i + 1, text: t });
        });
    }
    return lines;
  };

  let songCompaction: Compaction;

  it('writes every song record exactly once, one compact JSON object a line, in a multiple of the slice count', async () => {
    const files = await listS3Files(access, 's3://source/song_data');
    expect(files).toHaveLength(2000 + Object.keys(extraSongs).length);
    const progress: number[] = [];
    s3.requests.length = 0;
    const started = performance.now();
    songCompaction = await compactFiles({
      access,
      kind: 'songs',
      files,
      to: partsPrefix('s3://own/compacted', 'run-1', 'songs'),
      slices: 4,
      onProgress: (p) => progress.push(p.files),
    });
    const seconds = (performance.now() - started) / 1000;

    expect(songCompaction.parts.length % 4).toBe(0);
    expect(songCompaction.parts.map((p) => p.url)).toEqual([0, 1, 2, 3].map((i) => `s3://own/compacted/run-1/songs/part-0000${i}.json.gz`));
    expect(s3.gets()).toHaveLength(files.length);
    expect(progress.at(-1)).toBe(files.length);

    const expected = expectedRecords(songs, 'songs');
    const lines = await partLines(songCompaction);
    expect(songCompaction.records).toBe(expected.length);
    expect(lines.filter((l) => l.text.includes('\r'))).toEqual([]);
    // Same records as the inputs, each once: parsed objects compared, invalid text (sent quoted or as it was) as text.
    const asInput = (text: string) => {
      try {
        const value: unknown = JSON.parse(text);
        return typeof value === 'string' ? canonical(value) : canonical(text);
      } catch {
        return canonical(text);
      }
    };
    expect(lines.map((l) => asInput(l.text)).sort()).toEqual(expected.map((r) => canonical(r.text)).sort());

    // One-line records are copied byte for byte: the 20-digit year keeps its digits, 1.50 its zero.
    expect(lines.map((l) => l.text)).toContain('{"song_id": "SOBIG", "year": 12345678901234567890, "duration": 1.50}');
    // The invalid multi-line object goes as a JSON string (COPY rejects it), not joined into valid JSON.
    expect(lines.map((l) => l.text)).toContain(JSON.stringify('{"song_id": "SOBAD", "title": "line one\nline two"}'));
    expect(lines.map((l) => l.text)).toContain('not json at all');
    console.log(
      `compacted ${files.length} song files into ${songCompaction.parts.length} parts in ${seconds.toFixed(2)} s (${songCompaction.bytesIn} → ${songCompaction.bytesOut} bytes)`,
    );
  });

  it('writes a manifest listing exactly the parts, each mandatory, and nothing else lands under the prefix', async () => {
    const job = compactedJob('s3://own/compacted/', 'run-1', [], songCompaction);
    expect(job).toMatchObject({ from: 's3://own/compacted/run-1/songs.manifest', manifest: true, gzip: true });
    const manifest = JSON.parse(job.manifestBody!) as { entries: { url: string; mandatory: boolean }[] };
    const written = (await listKeys(access, 's3://own/compacted/run-1/songs/')).map((k) => `s3://own/${k.key}`);
    expect(manifest.entries).toEqual(written.sort().map((url) => ({ url, mandatory: true })));
    const sizes = (await listKeys(access, 's3://own/compacted/run-1/songs/')).map((k) => k.size);
    expect(sizes).toEqual(songCompaction.parts.map((p) => p.bytes));
  });

  it('maps a line of a part back to its source file and line, for COPY errors', async () => {
    const lines = await partLines(songCompaction);
    const junk = lines.find((l) => l.text === 'not json at all')!;
    expect(sourceOf(songCompaction, junk.url, junk.line)).toEqual({ file: 's3://source/song_data/Z/junk.json', line: 2 });
    const bad = lines.find((l) => l.text.startsWith('"{'))!;
    const reject = relocateReject(songCompaction, { kind: 'songs', file: bad.url, line: bad.line, reason: 'Invalid JSON', raw: bad.text });
    expect(reject).toEqual({
      kind: 'songs',
      file: 's3://source/song_data/Z/junk.json',
      line: 3,
      reason: 'Invalid JSON',
      raw: '{"song_id": "SOBAD", "title": "line one\nline two"}',
    });
    const second = lines.find((l) => l.text.includes('"SOX2"'))!;
    expect(sourceOf(songCompaction, second.url, second.line)).toEqual({ file: 's3://source/song_data/Z/pretty.json', line: 13 });
  });

  it('streams large event logs line by line through multipart uploads, each line once, mapped to its line', async () => {
    const files = await listS3Files(access, 's3://source/log_data');
    s3.requests.length = 0;
    const compaction = await compactFiles({
      access,
      kind: 'events',
      files,
      to: 's3://own/compacted/run-2/events',
      slices: 2,
      wholeReadBytes: 1024,
      chunkBytes: 64 * 1024,
      level: 1,
    });
    expect(compaction.parts).toHaveLength(2);
    // Output left in chunks as it was made, not held whole: several UploadPart requests per part.
    const uploads = s3.requests.filter((r) => r.method === 'PUT' && r.path.includes('uploadId='));
    expect(uploads.length).toBeGreaterThan(compaction.parts.length);
    const expected = expectedRecords(events, 'events');
    const lines = await partLines(compaction);
    expect(lines.map((l) => l.text).sort()).toEqual(expected.map((r) => r.text).sort());
    for (const pick of [0, 1234, lines.length - 1]) {
      const line = lines[pick]!;
      const origin = sourceOf(compaction, line.url, line.line)!;
      expect(expected.find((r) => `s3://source/${r.file}` === origin.file && r.line === origin.line)?.text).toBe(line.text);
    }
  });

  it('through the stage’s compactor: parts under <compact-to>/<runId>/<kind>/ and the COPY job that reads them', async () => {
    const config = loadConfig({
      cwd: dir,
      env: { SPARKIFY_S3_ENDPOINT: s3.endpoint, SPARKIFY_REGION: 'us-east-1' },
      flags: { target: 'redshift', source: 's3://source', 'compact-to': 's3://own/c/' },
    });
    const compactor = openCompactor(config, compactSettings(config)!.to);
    try {
      const files = (await listS3Files(access, 's3://source/song_data')).slice(0, 300);
      const job = await compactor.compact({ kind: 'songs', files, runId: 'run-9', slices: 3 });
      expect(job).toMatchObject({ from: 's3://own/c/run-9/songs.manifest', manifest: true, gzip: true, files });
      const listed = (await listKeys(access, 's3://own/c/run-9/')).map((k) => `s3://own/${k.key}`);
      expect(JSON.parse(job.manifestBody!).entries.map((e: { url: string }) => e.url)).toEqual(listed);
      expect(listed).toEqual([0, 1, 2].map((i) => `s3://own/c/run-9/songs/part-0000${i}.json.gz`));
    } finally {
      compactor.close();
    }
  });

  it('says the --compact-to prefix must be writable when S3 refuses the upload', async () => {
    const files = (await listS3Files(access, 's3://source/song_data')).slice(0, 50);
    s3.deny = (r) => r.method !== 'GET' && r.path.startsWith('/own/');
    try {
      const run = compactFiles({ access, kind: 'songs', files, to: 's3://own/denied/songs', slices: 2 });
      await expect(run).rejects.toThrow(
        /^cannot write the compacted file s3:\/\/own\/denied\/songs\/part-0000\d\.json\.gz: access denied for the credentials from the AWS default credential chain — --compact-to must name a prefix they may write/,
      );
    } finally {
      s3.deny = undefined;
    }
  });

  it('fails clearly when a listed object is gone, and leaves no parts behind', async () => {
    const files = (await listS3Files(access, 's3://source/song_data')).slice(-200);
    expect(files.map((f) => f.path)).toContain('s3://source/song_data/Z/junk.json');
    await s3.remove('source', 'song_data/Z/junk.json');
    try {
      const run = compactFiles({ access, kind: 'songs', files, to: 's3://own/compacted/run-3/songs', slices: 4, partConcurrency: 4 });
      await expect(run).rejects.toThrow(/s3:\/\/source\/song_data\/Z\/junk\.json was listed but is gone now — run again/);
      expect(await listKeys(access, 's3://own/compacted/run-3/')).toEqual([]);
    } finally {
      await s3.put('source', 'song_data/Z/junk.json', songs['song_data/Z/junk.json']!);
    }
  });
});

describe('one record, one line', () => {
  it('keeps one-line text as it is, joins valid pretty-printed JSON, and quotes what does not parse', () => {
    expect(oneLine('{"a": 1,  "b": "x y"}')).toBe('{"a": 1,  "b": "x y"}');
    expect(oneLine('{\n  "a": 1,\r\n  "b": "x  y"\n}')).toBe('{"a": 1,"b": "x  y"}');
    expect(oneLine('{"a": "x\ny"}')).toBe('"{\\"a\\": \\"x\\ny\\"}"');
    expect(oneLine('oops')).toBe('oops');
  });
});

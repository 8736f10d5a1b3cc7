import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

function bufferIO() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = { out: '', err: '' };
  stdout.on('data', (d: Buffer) => (text.out += d.toString()));
  stderr.on('data', (d: Buffer) => (text.err += d.toString()));
  return { io: { stdout, stderr, cwd: process.cwd(), env: {} }, text };
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sparkify-generate-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('sparkify generate', () => {
  it('prints a one-line summary', async () => {
    const { io, text } = bufferIO();
    const code = await main(['generate', '--out', join(root, 'a'), '--events', '1000', '--songs', '20', '--days', '3'], io);
    expect(code).toBe(0);
    expect(text.out).toMatch(/^wrote 3 event files and 20 song files to .*: 1,000 events, 20 songs, [\d.]+ MB in [\d.]+ s\n$/);
    expect(text.err).toBe('');
  });

  it('prints JSON with --json, and resolves --out against the working folder', async () => {
    const { io, text } = bufferIO();
    io.cwd = root;
    const code = await main(['generate', '--out', 'b', '--events', '300', '--songs', '5', '--songs-per-file', '2', '--start-date', '2019-01-30', '--days', '2', '--json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(text.out)).toMatchObject({ outDir: join(root, 'b'), events: 300, songs: 5, songFiles: 3, eventFiles: 2 });
  });

  it('rejects a bad number with a usage error', async () => {
    const { io, text } = bufferIO();
    expect(await main(['generate', '--out', join(root, 'c'), '--events', 'x'], io)).toBe(2);
    expect(text.err).toContain('--events must be a positive integer, got "x"');
    const date = bufferIO();
    expect(await main(['generate', '--out', join(root, 'c'), '--start-date', '2018-13-01'], date.io)).toBe(2);
    expect(date.text.err).toContain('--start-date must be a date written YYYY-MM-DD');
    const missing = bufferIO();
    expect(await main(['generate'], missing.io)).toBe(2);
    expect(missing.text.err).toContain('--out DIR is required');
  });
});

import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticQueries } from '../../src/analytics/queries.js';
import { parseCommandArgs } from '../../src/cli/args.js';
import type { CliIO, Command } from '../../src/cli/command.js';
import dashboardCommand, { serveDashboard, untilSignal } from '../../src/cli/dashboard-command.js';
import reportCommand from '../../src/cli/report-command.js';
import { SparkifyError } from '../../src/errors.js';
import { buildSampleWarehouse, type SampleWarehouse } from '../analytics/sample-warehouse.js';
import { sampleAvailable } from '../helpers/sample.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

function bufferIO(cwd: string): { io: CliIO; out: () => string; err: () => string; printed: Promise<string> } {
  const out: string[] = [];
  const err: string[] = [];
  let onFirst: (text: string) => void = () => undefined;
  const printed = new Promise<string>((r) => (onFirst = r));
  const sink = (into: string[], notify: boolean) =>
    new Writable({
      write(chunk, _encoding, done) {
        into.push(String(chunk));
        if (notify) onFirst(into.join(''));
        done();
      },
    });
  return { io: { stdout: sink(out, true), stderr: sink(err, false), cwd, env: {} }, out: () => out.join(''), err: () => err.join(''), printed };
}

const runCommand = (command: Command, argv: string[], io: CliIO) => command.run(parseCommandArgs(command, argv), io);

describe('sparkify dashboard flags', () => {
  it('a bad --port is a usage error', async () => {
    const { io } = bufferIO('/');
    await expect(runCommand(dashboardCommand, ['--port', 'http'], io)).rejects.toThrow(new SparkifyError('USAGE', '--port must be a number from 0 to 65535, got "http"'));
    await expect(runCommand(dashboardCommand, ['--port', '70000'], io)).rejects.toThrow('--port must be a number from 0 to 65535');
  });

  it('waits for SIGINT or SIGTERM, and stops listening after', async () => {
    const emitter = new EventEmitter();
    const stop = untilSignal(emitter);
    expect(emitter.listenerCount('SIGINT')).toBe(1);
    emitter.emit('SIGTERM', 'SIGTERM');
    await expect(stop.signalled).resolves.toBe('SIGTERM');
    stop.dispose();
    expect(emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM')).toBe(0);
  });
});

describe.skipIf(!sampleAvailable())('sparkify dashboard and report on the real sample', () => {
  let sample: SampleWarehouse;
  let flags: string[];
  beforeAll(async () => {
    sample = await buildSampleWarehouse('duckdb', { open: false });
    flags = ['--database', sample.settings.database];
  });
  afterAll(() => sample?.dispose());

  it('prints its URL, serves until told to stop, then closes the server and the warehouse', async () => {
    const { io, out, printed } = bufferIO(sample.settings.cwd);
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((r) => (stop = r));
    const serving = serveDashboard(parseCommandArgs(dashboardCommand, ['--port', '0', ...flags]), io, stopped);
    const url = /Sparkify dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(await printed)?.[1];
    expect(url).toBeDefined();
    expect((await fetch(new URL('/api/queries', url)).then((r) => r.json())).queries).toHaveLength(analyticQueries.length);
    stop();
    await expect(serving).resolves.toBe(0);
    expect(out()).toContain('dashboard stopped');
    await expect(fetch(url!)).rejects.toThrow();
  });

  it('a port in use is a usage error that says what to do', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const { io } = bufferIO(sample.settings.cwd);
      await expect(serveDashboard(parseCommandArgs(dashboardCommand, ['--port', String(port), ...flags]), io, new Promise(() => undefined))).rejects.toThrow(
        `port ${port} on 127.0.0.1 is in use — choose another with --port (0 picks a free one)`,
      );
    } finally {
      taken.close();
    }
  });

  it('report writes one self-contained HTML file with chart.js and every result inside', async () => {
    const { io, out } = bufferIO(sample.settings.cwd);
    expect(await runCommand(reportCommand, ['--out', 'r.html', '--level', 'free', ...flags], io)).toBe(0);
    const file = join(sample.settings.cwd, 'r.html');
    expect(out()).toMatch(new RegExp(`^wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ KB\\)`));
    const html = await readFile(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="(?!data:)/);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\';');
    const data = JSON.parse(/<script type="application\/json" id="sparkify-data">(.*?)<\/script>/s.exec(html)![1]!);
    expect(Object.keys(data.results)).toEqual(analyticQueries.map((q) => q.name));
    expect(data.filter).toEqual({ level: 'free' });
    expect(data.results['plays-by-level'].rows).toHaveLength(2); // takes no level: every play
    expect(data.results['top-users'].params).toEqual({ level: 'free', limit: 10 });
    expect(data.lastRun.summary.tables.songplays).toBe(6820);
  });

  it('report refuses bad parameters before writing anything', async () => {
    const { io } = bufferIO(sample.settings.cwd);
    await expect(runCommand(reportCommand, ['--out', 'bad.html', '--from', 'yesterday', ...flags], io)).rejects.toThrow('--from must be a date as YYYY-MM-DD, got "yesterday"');
    await expect(readFile(join(sample.settings.cwd, 'bad.html'))).rejects.toThrow();
  });

  describe('as a real process', () => {
    let build: string;
    beforeAll(async () => {
      build = await transpileSources();
    });
    afterAll(() => rm(build, { recursive: true, force: true }));

    it('Ctrl-C (SIGINT) closes the server and the warehouse and exits 0', async () => {
      const child = spawn(process.execPath, [join(build, 'dashboard-entry.js'), '--port', '0', ...flags], { cwd: sample.settings.cwd, env: { PATH: process.env.PATH } });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      const url = await new Promise<string>((resolveUrl, reject) => {
        child.stdout.on('data', (chunk) => {
          stdout += String(chunk);
          const match = /Sparkify dashboard: (\S+)/.exec(stdout);
          if (match) resolveUrl(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code} before serving: ${stderr}`)));
      });
      expect((await fetch(new URL('/api/last-run', url))).status).toBe(200);
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stdout).toContain('dashboard stopped');
      expect(stderr).toBe('');
    });
  });
});

/** src/ as plain JavaScript (types stripped, not checked) in a folder under the project, so node_modules resolve. */
async function transpileSources(): Promise<string> {
  await mkdir(join(root, 'test-artifacts'), { recursive: true });
  const out = await mkdtemp(join(root, 'test-artifacts', 'dashboard-build-'));
  const src = join(root, 'src');
  for (const entry of await readdir(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    const { outputText } = ts.transpileModule(await readFile(path, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: path,
    });
    const target = join(out, relative(src, path)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText);
  }
  await writeFile(
    join(out, 'dashboard-entry.js'),
    `import command from './cli/dashboard-command.js';
import { parseCommandArgs } from './cli/args.js';
process.exitCode = await command.run(parseCommandArgs(command, process.argv.slice(2)), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
`,
  );
  return out;
}

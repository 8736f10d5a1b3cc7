import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../src/generate/index.js';
import { binPath, buildPackage } from '../helpers/build.js';

/*
 * The progress line as a user sees it: the real binary in a real terminal (tmux) 80 columns wide,
 * the screen captured afterwards. A line longer than the terminal wraps, and `\r` erases only
 * its last row: what stays above the summary is exactly what a user would see.
 */

const dir = mkdtempSync(join(tmpdir(), 'sparkify-tty-'));
const socket = `sparkify-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const haveTmux = spawnSync('tmux', ['-V']).status === 0;
if (!haveTmux && process.env.CI) throw new Error('tmux is required in CI (.ci/run installs it)');

beforeAll(async () => {
  buildPackage();
  await generateSample({ outDir: join(dir, 'sample'), events: 200_000, songs: 3000, seed: 7 });
  mkdirSync(join(dir, 'bad', 'log_data'), { recursive: true });
  mkdirSync(join(dir, 'bad', 'song_data'), { recursive: true });
  const good = JSON.stringify({ ts: 1541990258796, userId: '26', page: 'NextSong', sessionId: 583, itemInSession: 0, level: 'free', song: 'A', artist: 'B' });
  const lines = Array.from({ length: 60_000 }, (_, i) => (i % 20_000 === 19_999 ? `garbage ${i} {` : good.replace('"itemInSession":0', `"itemInSession":${i}`)));
  writeFileSync(join(dir, 'bad', 'log_data', 'day.json'), `${lines.join('\n')}\n`);
}, 180_000);

afterAll(() => {
  if (haveTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the binary in an 80×40 tmux window and returns the screen when it has exited. */
async function onScreen(args: string[]): Promise<{ screen: string[]; code: number }> {
  const session = `s${Date.now().toString(36)}`;
  const command = `cd ${dir} && ${process.execPath} ${binPath} ${args.join(' ')}; echo "EXIT:$?"; sleep 600`;
  tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '40', '-e', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=1', 'sh', '-c', command);
  try {
    const started = Date.now();
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', session).split('\n');
      const exit = screen.map((l) => /^EXIT:(\d+)/.exec(l)).find(Boolean);
      if (exit) return { screen: screen.slice(0, screen.indexOf(exit.input)), code: Number(exit[1]) };
      if (Date.now() - started > 120_000) throw new Error(`timed out; screen:\n${screen.join('\n')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-session', '-t', session]);
  }
}

describe.skipIf(!haveTmux)('the progress line in a real 80-column terminal', () => {
  it('leaves no fragment above the summary', async () => {
    const { screen, code } = await onScreen(['run', join(dir, 'sample'), '--database', 'ok.duckdb']);
    expect(code).toBe(0);
    expect(screen[0]).toBe(`warehouse duckdb ${join(dir, 'ok.duckdb')}`);
    expect(screen.join('\n')).not.toMatch(/staging (events|songs)|MB\/s|transform:|check:|\d\.\ds {2}/);
    expect(screen.join('\n')).toMatch(/songplays\s+[\d,]+/);
  });

  it('is cleared before an error, which starts a line of its own', async () => {
    const { screen, code } = await onScreen(['run', join(dir, 'bad'), '--database', 'bad.duckdb', '--max-errors', '0']);
    expect(code).toBe(1);
    const text = screen.join('\n').trim();
    expect(text).toMatch(/^sparkify run: 3 records rejected \(events 3, songs 0\), more than --max-errors 0;/);
    expect(text).not.toMatch(/staging (events|songs)|MB\/s|\d\.\ds {2}/);
  });
});

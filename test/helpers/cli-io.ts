import { Writable } from 'node:stream';
import type { CliIO } from '../../src/cli/command.js';

/** A CliIO that records what a command prints, for in-process CLI tests. */
export function bufferIO(cwd: string, env: NodeJS.ProcessEnv = {}): CliIO & { out(): string; err(): string } {
  const sink = () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    return { stream, text: () => chunks.join('') };
  };
  const stdout = sink();
  const stderr = sink();
  return { stdout: stdout.stream, stderr: stderr.stream, cwd, env, out: stdout.text, err: stderr.text };
}

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { RunLock } from '../warehouse.js';

/*
 * DuckDB itself lets one process at a time open a file for writing, so that lock is the
 * run lock. This note beside the file only tells a waiting process who holds it.
 */

const notePath = (file: string) => `${file}.run-lock`;

interface LockNote {
  runId: string;
  pid: number;
  host: string;
  startedAt: string;
}

export function writeLockNote(file: string, runId: string): RunLock {
  const note: LockNote = { runId, pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  writeFileSync(notePath(file), JSON.stringify(note));
  return { release: async () => rmSync(notePath(file), { force: true }) };
}

/** Who holds the file, as well as can be told. */
export function describeHolder(file: string, driverMessage: string): string {
  try {
    const note = JSON.parse(readFileSync(notePath(file), 'utf8')) as LockNote;
    return `run ${note.runId} (pid ${note.pid} on ${note.host}, started ${note.startedAt})`;
  } catch {
    const pid = /PID (\d+)/.exec(driverMessage)?.[1];
    return pid ? `process ${pid} (not an etl run: perhaps a dashboard or another DuckDB client)` : 'another process';
  }
}

import { SparkifyError } from '../errors.js';
import { sleep } from '../retry.js';

/** How long and how often to poll; tests pass millisecond delays. */
export interface WaitOptions {
  minDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const defaultWait: WaitOptions = { minDelayMs: 10_000, maxDelayMs: 30_000, timeoutMs: 45 * 60_000, sleep, now: Date.now };

/** One look at a resource: its state, whether we are there, whether it can no longer get there. */
export interface PollState<T> {
  state: string;
  done: boolean;
  failed?: boolean;
  value: T;
}

export interface PollSpec<T> {
  /** "cluster sparkify-cluster" */
  what: string;
  /** "available", "deleted" */
  goal: string;
  check: () => Promise<PollState<T>>;
  /** What to do when the wait times out (the resource keeps changing on the AWS side). */
  timeoutHint: string;
}

export interface PollIO {
  wait: WaitOptions;
  log: (line: string) => void;
  note: (line: string) => void;
}

export function formatElapsed(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** Polls until the goal state, printing state and elapsed time, with a growing delay and a timeout. */
export async function pollUntil<T>(spec: PollSpec<T>, io: PollIO): Promise<T> {
  const { wait } = io;
  const started = wait.now();
  let delay = wait.minDelayMs;
  let first = true;
  for (;;) {
    const seen = await spec.check();
    if (first) {
      io.note(`…repeated every ${formatElapsed(wait.minDelayMs)}–${formatElapsed(wait.maxDelayMs)} until ${spec.what} is ${spec.goal} (up to ${formatElapsed(wait.timeoutMs)})`);
      first = false;
    }
    const elapsed = wait.now() - started;
    io.log(`  ${spec.what}: ${seen.state} (${formatElapsed(elapsed)})`);
    if (seen.done) return seen.value;
    if (seen.failed) {
      throw new SparkifyError('AWS', `${spec.what} is "${seen.state}" and will not become ${spec.goal} — look at it in the AWS console; \`sparkify infra down\` removes it`);
    }
    if (elapsed + delay > wait.timeoutMs) {
      throw new SparkifyError('AWS', `${spec.what} is still "${seen.state}" after ${formatElapsed(elapsed)} — ${spec.timeoutHint}`);
    }
    await wait.sleep(delay);
    delay = Math.min(wait.maxDelayMs, Math.round(delay * 1.5));
  }
}

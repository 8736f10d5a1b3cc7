/**
 * A named point between pipeline steps. When SPARKIFY_FAULT_AT names it, the process
 * kills itself on the spot (SIGKILL: no cleanup, no finally) — how the crash-safety
 * tests prove that a run killed anywhere leaves a warehouse the next run repairs.
 */
export function faultPoint(name: string): void {
  if (process.env.SPARKIFY_FAULT_AT === name) process.kill(process.pid, 'SIGKILL');
  pausePoint(name);
}

/** Like faultPoint, but stops (SIGSTOP) so a test can hold a run mid-way and resume it with SIGCONT. */
export function pausePoint(name: string): void {
  if (process.env.SPARKIFY_PAUSE_AT !== name) return;
  process.stderr.write(`sparkify: paused at ${name}\n`);
  process.kill(process.pid, 'SIGSTOP');
}

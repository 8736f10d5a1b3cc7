/**
 * A named point between pipeline steps. When SPARKIFY_FAULT_AT names it, the process
 * kills itself on the spot (SIGKILL: no cleanup, no finally) — how the crash-safety
 * tests prove that a run killed anywhere leaves a warehouse the next run repairs.
 */
export function faultPoint(name: string): void {
  if (process.env.SPARKIFY_FAULT_AT === name) process.kill(process.pid, 'SIGKILL');
}

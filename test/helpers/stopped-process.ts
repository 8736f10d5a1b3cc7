import { readFileSync } from 'node:fs';

/**
 * Resolves once process `pid` is stopped (SIGSTOP). A paused run prints "paused at …" just
 * before it stops itself, so a test that signals on the message alone can send SIGCONT before
 * the stop: the run then stays stopped for good (what made an interrupted-run test time out
 * under load). Linux: reads the state letter of /proc/PID/stat.
 */
export async function stoppedProcess(pid: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "PID (COMMAND) STATE …": the command may hold spaces and parentheses, so read after the last ')'.
    if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'T') return;
    if (Date.now() > until) throw new Error(`process ${pid} never stopped`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// The live test's safety net: a detached process (its own process group, so Ctrl-C does not
// reach it) that watches the test process. When that process is gone — finished, failed,
// interrupted by SIGINT, killed — without having written the "done" file after a successful
// `infra down`, it runs the teardown command itself, a few times if it fails.
// usage: node live-reaper.mjs <pid to watch> <done file> -- <command> [args…]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [pidText, doneFile, dashes, command, ...args] = process.argv.slice(2);
const pid = Number(pidText);
if (!Number.isInteger(pid) || !doneFile || dashes !== '--' || !command) {
  console.error('usage: node live-reaper.mjs <pid> <done file> -- <command> [args…]');
  process.exit(2);
}
const pollMs = Number(process.env.SPARKIFY_REAPER_POLL_MS ?? 2000);

function alive(p) {
  try {
    process.kill(p, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const timer = setInterval(() => {
  if (existsSync(doneFile)) process.exit(0);
  if (alive(pid)) return;
  clearInterval(timer);
  if (existsSync(doneFile)) process.exit(0);
  console.log(`${new Date().toISOString()} process ${pid} ended without its teardown: running ${command} ${args.join(' ')}`);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const run = spawnSync(command, args, { stdio: 'inherit' });
    if (run.status === 0) process.exit(0);
    console.log(`teardown attempt ${attempt} failed (exit ${run.status ?? run.signal})`);
  }
  process.exit(1);
}, pollMs);

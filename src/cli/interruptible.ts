import { isRunInterrupted } from '../pipeline/run-interrupted.js';
import type { CliIO } from './command.js';

const signals = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs a load so that Ctrl-C or SIGTERM stops it cleanly: the run rolls back, is recorded as
 * interrupted, one line says so, and the exit code is 130 / 143. A second signal ends the
 * process at once (the next run repairs the warehouse, as after kill -9).
 */
export async function interruptible(command: string, io: CliIO, load: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) return controller.abort(signal);
    io.stderr.write(`sparkify ${command}: ${signal} again — stopping now; the next run repairs the warehouse\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  for (const signal of signals) process.on(signal, onSignal);
  try {
    return await load(controller.signal);
  } catch (error) {
    if (!isRunInterrupted(error)) throw error;
    // Over the progress line, if one is drawn.
    io.stderr.write(`${io.stderr.isTTY ? '\r\x1b[K' : ''}sparkify ${command}: ${error.message}\n`);
    return error.exitCode;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}

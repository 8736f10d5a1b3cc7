import { constants } from 'node:os';
import type { Warehouse } from '../engines/warehouse.js';
import { SparkifyError } from '../errors.js';
import { faultPoint } from './fault-point.js';

/** A run stopped by a signal: rolled back, and marked `interrupted` in etl_runs with the step it had reached. */
export class RunInterrupted extends SparkifyError {
  constructor(
    readonly signal: string,
    readonly step: string,
    override readonly runId: string,
  ) {
    super('INTERRUPTED', `interrupted by ${signal} during ${step}: rolled back, the warehouse is as it was (run ${runId} is marked interrupted in etl_runs)`);
  }

  /** What a shell expects of a process a signal stopped: 128 + the signal's number (SIGINT 130, SIGTERM 143). */
  get exitCode(): number {
    return 128 + (constants.signals[this.signal as keyof typeof constants.signals] ?? 0);
  }
}

export function isRunInterrupted(error: unknown): error is RunInterrupted {
  return error instanceof RunInterrupted;
}

/**
 * Follows a run's steps and, once `signal` fires, stops it at the next step boundary (and asks
 * the warehouse to stop the statement in progress, where it can).
 */
export class StepGuard {
  /** The step in progress, as a person reads it. */
  step = 'list';
  private stoppedDuring: string | undefined;
  private readonly onAbort = () => {
    this.stoppedDuring ??= this.step;
    this.warehouse.interrupt?.();
  };

  constructor(
    private readonly warehouse: Warehouse,
    readonly runId: string,
    readonly signal: AbortSignal | undefined,
  ) {
    if (signal?.aborted) this.stoppedDuring = this.step;
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** A boundary between steps: the crash tests' fault point, then a stop if a signal came; `next` is the step that follows. */
  reach(point: string, next?: string): void {
    faultPoint(point);
    const stopped = this.interrupted();
    if (stopped) throw stopped;
    if (next) this.step = next;
  }

  /** The interruption, once a signal has come. */
  interrupted(): RunInterrupted | undefined {
    if (!this.signal?.aborted) return undefined;
    return new RunInterrupted(String(this.signal.reason), this.stoppedDuring ?? this.step, this.runId);
  }

  dispose(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

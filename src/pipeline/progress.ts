import type { StageProgress } from '../engines/warehouse.js';

/** What a long run reports as it goes; the CLI draws it, library users may log it. */
export type ProgressEvent =
  | { phase: 'list'; events: number; songs: number }
  | ({ phase: 'stage' } & StageProgress)
  | { phase: 'transform'; step: string }
  | { phase: 'check'; name: string; ok: boolean }
  | { phase: 'done' };

export type ProgressListener = (event: ProgressEvent) => void;

import type { StageProgress } from '../engines/warehouse.js';
import type { S3Progress } from '../sources/s3-source.js';

/** What a long run reports as it goes; the CLI draws it, library users may log it. */
export type ProgressEvent =
  | ({ phase: 'download' } & S3Progress)
  | { phase: 'list'; events: number; songs: number }
  | ({ phase: 'stage' } & StageProgress)
  | { phase: 'transform'; step: string }
  | { phase: 'check'; name: string; ok: boolean }
  | { phase: 'waiting'; holder: string; secondsLeft: number }
  | { phase: 'done' };

export type ProgressListener = (event: ProgressEvent) => void;

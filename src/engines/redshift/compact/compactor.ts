import type { Config } from '../../../config/config.js';
import { SparkifyError } from '../../../errors.js';
import type { RecordKind } from '../../../schema/record-fields.js';
import { openS3, type S3Access } from '../../../s3/client.js';
import { isUnder, parseS3Url } from '../../../s3/url.js';
import type { SourceFile } from '../../../sources/source-file.js';
import { redshiftSourceLocations } from '../redshift-settings.js';
import { compactFiles, type CompactProgress } from './compact-files.js';
import { compactedJob, partsPrefix, type CompactedJob } from './compact-job.js';
import { configuredSlices } from './slices.js';

/** `--compact-to` as staging uses it. */
export interface CompactSettings {
  /** Writable s3:// prefix; each run writes under <to>/<runId>/. */
  to: string;
  /** --keep-compacted: leave parts and manifest after a successful COPY. */
  keep: boolean;
  /** Slices from dwh.cfg [DWH], for when the warehouse cannot say. */
  configuredSlices: number;
}

/** [S3] COMPACT_TO / --compact-to, checked: an s3:// prefix outside the sources (else the next run would list the parts as new files). */
export function compactSettings(config: Config): CompactSettings | undefined {
  const to = config.redshift.compactTo?.trim();
  if (!to) return undefined;
  if (!to.startsWith('s3://')) {
    throw new SparkifyError(
      'CONFIG',
      `--compact-to must be a writable s3:// prefix (e.g. s3://my-bucket/sparkify-compacted), got "${to}" — or leave it unset to COPY the source files as they are`,
    );
  }
  const target = parseS3Url(to);
  for (const source of Object.values(redshiftSourceLocations(config))) {
    if (!source?.startsWith('s3://')) continue;
    const location = parseS3Url(source);
    if (location.bucket === target.bucket && (isUnder(location, target.prefix) || isUnder(location, `${target.prefix.replace(/\/+$/, '')}/`))) {
      throw new SparkifyError('CONFIG', `--compact-to ${to} is inside the source ${source}: the next run would load the compacted files as new ones — choose a prefix outside it`);
    }
  }
  return { to, keep: config.redshift.keepCompacted, configuredSlices: configuredSlices(config.dwh) };
}

export interface CompactRequest {
  kind: RecordKind;
  files: SourceFile[];
  runId: string;
  slices: number;
  onProgress?(progress: CompactProgress): void;
}

/** Compaction for staging: the parts of one kind written, and the COPY that reads them. */
export interface Compactor {
  compact(request: CompactRequest): Promise<CompactedJob>;
  close(): void;
}

/** Compacts through S3 opened as the source is (credentials, endpoint, region); opened on first use. */
export function openCompactor(config: Config, to: string): Compactor {
  let access: Promise<S3Access> | undefined;
  return {
    async compact({ kind, files, runId, slices, onProgress }) {
      access ??= openS3(config);
      const compaction = await compactFiles({ access: await access, kind, files, to: partsPrefix(to, runId, kind), slices, onProgress });
      return compactedJob(to, runId, files, compaction);
    },
    close() {
      void access?.then((s3) => s3.client.destroy()).catch(() => undefined);
    },
  };
}

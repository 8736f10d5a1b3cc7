import { SparkifyError } from '../../errors.js';
import type { RecordKind } from '../../schema/record-fields.js';
import type { SourceFile } from '../../sources/source-file.js';
import { parseS3Url, type S3Location } from '../../s3/url.js';
import type { CopySource } from '../../sql/dialects/redshift-copy.js';

/** Per-file COPYs beyond this would take many minutes (each COPY is a round trip and a commit). */
export const maxPerFileCopies = 100;

/** One COPY to run: where it reads, the files it loads, and the manifest to write first (if any). */
export interface CopyJob extends CopySource {
  files: SourceFile[];
  manifestBody?: string;
}

export interface PlanInput {
  kind: RecordKind;
  files: SourceFile[];
  runId: string;
  /** The configured location of this kind (s3://bucket/prefix), when there is one. */
  location: S3Location | undefined;
  /** Every key a COPY of `location` would read (COPY takes all keys starting with the prefix). */
  listedKeys: string[] | undefined;
  /** Writable s3:// prefix for manifest files. */
  stagingPrefix: string | undefined;
}

const isGzip = (f: SourceFile) => /\.gz$/i.test(f.path);

/**
 * Chooses the COPYs for a kind, per compression (one COPY cannot mix gzip and plain):
 * - the files are exactly what the configured prefix holds → one COPY of the prefix;
 * - else, with a staging prefix → one COPY with a MANIFEST listing exactly these files;
 * - else → one COPY per file (its key as the prefix), when no other key starts with it.
 * Single-file COPYs come first, so source_file can be filled after each (see redshift-stage.ts).
 */
export function planCopies(input: PlanInput, manifestJson: (urls: string[]) => string): CopyJob[] {
  const jobs: CopyJob[] = [];
  for (const gzip of [false, true]) {
    const files = input.files.filter((f) => isGzip(f) === gzip);
    if (files.length > 0) jobs.push(...planGroup(input, files, gzip, manifestJson));
  }
  return jobs.sort((a, b) => Number(a.files.length > 1) - Number(b.files.length > 1));
}

function planGroup(input: PlanInput, files: SourceFile[], gzip: boolean, manifestJson: (urls: string[]) => string): CopyJob[] {
  if (files.length > 1 && input.location && input.listedKeys && coversPrefix(input.location, input.listedKeys, files)) {
    return [{ from: input.location.url, manifest: false, gzip, files }];
  }
  if (input.stagingPrefix && files.length > 1) {
    const name = `${input.kind}${gzip ? '-gzip' : ''}.manifest`;
    const from = `${input.stagingPrefix.replace(/\/+$/, '')}/${input.runId}/${name}`;
    return [{ from, manifest: true, gzip, files, manifestBody: manifestJson(files.map((f) => f.path)) }];
  }
  if (files.length > maxPerFileCopies) {
    throw new SparkifyError(
      'CONFIG',
      `${files.length} new ${input.kind} files would take ${files.length} separate COPYs — set [S3] MANIFEST_PREFIX (or --staging-prefix) to a writable s3:// prefix so they load in one COPY with a manifest`,
    );
  }
  const keys = input.listedKeys ?? [];
  return files.map((file) => {
    const key = parseS3Url(file.path).prefix;
    const clash = keys.find((other) => other !== key && other.startsWith(key));
    if (clash) {
      throw new SparkifyError(
        'CONFIG',
        `a COPY of ${file.path} would also read s3://${parseS3Url(file.path).bucket}/${clash} (COPY takes every key starting with the name) — set [S3] MANIFEST_PREFIX (or --staging-prefix) so it loads through an exact manifest`,
      );
    }
    return { from: file.path, manifest: false, gzip, files: [file] };
  });
}

/** Whether a COPY of the prefix would read exactly `files` (folder markers aside). */
function coversPrefix(location: S3Location, listedKeys: string[], files: SourceFile[]): boolean {
  const wanted = new Set(files.map((f) => f.path));
  const read = listedKeys.filter((k) => !k.endsWith('/')).map((k) => `s3://${location.bucket}/${k}`);
  return read.length === wanted.size && read.every((url) => wanted.has(url));
}

import { totalSize } from '../../../sources/source-file.js';

/*
 * How many compacted files a kind becomes. AWS's advice for COPY: files of 1 MB to 1 GB after
 * compression, their count a multiple of the slice count, so every slice loads an equal share.
 */

/** The smallest load file AWS advises (after compression). */
export const minPartBytes = 2 ** 20;
/** The largest load file AWS advises (after compression). */
export const maxPartBytes = 2 ** 30;
/** Parts are planned at most this big: a quarter of the ceiling, a margin for the compression estimate. */
export const plannedMaxPartBytes = maxPartBytes / 4;
/**
 * gzip bytes per JSON byte, for planning: measured 0.27 on the Udacity sample's 71 song files,
 * 0.22 on 20,000 generated ones, 0.095 on its event logs. With parts planned at a quarter of
 * the ceiling, even incompressible input stays under 1 GB a part.
 */
export const gzipRatio = 0.25;

export interface PartPlan {
  /** Files to write: a multiple of `slices` unless there are fewer input files than slices. */
  parts: number;
  slices: number;
  /** Expected gzip bytes of one part. */
  estimatedPartBytes: number;
  /** The whole input is too small for `slices` parts of 1 MB: the slice multiple wins (tiny loads are fast anyway). */
  belowMinimum: boolean;
}

/** The part count for `inputBytes` of JSON in `files` files on `slices` slices. */
export function planParts(input: { inputBytes: number; files: number; slices: number; ratio?: number }): PartPlan {
  const slices = Math.max(1, Math.floor(input.slices));
  const estimated = Math.max(0, input.inputBytes) * (input.ratio ?? gzipRatio);
  let parts = slices * Math.max(1, Math.ceil(estimated / (slices * plannedMaxPartBytes)));
  // A source file is never split across parts, so there cannot be more parts than files.
  if (input.files < parts) parts = input.files >= slices ? Math.floor(input.files / slices) * slices : Math.max(1, input.files);
  const estimatedPartBytes = estimated / parts;
  return { parts, slices, estimatedPartBytes, belowMinimum: estimatedPartBytes < minPartBytes };
}

/**
 * Whether compacting pays: more than two files per slice, and files smaller on average than the
 * smallest load file AWS advises. Larger files already load well, and compaction would only
 * move their bytes through this machine twice.
 */
export function worthCompacting(files: readonly { size: number }[], slices: number): boolean {
  if (files.length <= 2 * Math.max(1, slices)) return false;
  const bytes = totalSize(files);
  return bytes / files.length < minPartBytes;
}

/**
 * Splits `files` into `parts` runs of neighbouring files (key order keeps similar files
 * together, which gzip likes) of about equal bytes, none empty. Needs parts <= files.length.
 */
export function groupFiles<T extends { size: number }>(files: readonly T[], parts: number): T[][] {
  const count = Math.max(1, Math.min(Math.floor(parts), files.length));
  const weight = (f: T) => Math.max(1, f.size);
  const total = files.reduce((sum, f) => sum + weight(f), 0);
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  files.forEach((file, i) => {
    current.push(file);
    bytes += weight(file);
    const partsAfter = count - groups.length - 1;
    const filesAfter = files.length - i - 1;
    // Close the run at its share of the bytes, or when every later part needs one of the files left.
    if (partsAfter > 0 && (bytes >= (total * (groups.length + 1)) / count || filesAfter === partsAfter)) {
      groups.push(current);
      current = [];
    }
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

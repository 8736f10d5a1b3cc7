import type { Config } from '../config/config.js';
import { SparkifyError } from '../errors.js';
import type { SourceFiles } from './source-file.js';

/** Placeholder until the S3 source lands: says so plainly instead of failing obscurely. */
export async function fetchS3Source(_config: Config, logData: string, songData: string): Promise<SourceFiles> {
  throw new SparkifyError('SOURCE', `S3 sources (${logData}, ${songData}) are not supported yet by this build — download the files and pass a local --source`);
}

import { join } from 'node:path';
import { tmpdir } from 'node:os';

/** Variables through which the AWS SDK could find credentials or reach instance metadata. */
const credentialVariables = [
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
];

/**
 * Sets process.env for a suite so the SDK sees only `vars`: no profiles from ~/.aws, no
 * instance metadata (IMDS), no stray keys of the machine. Returns the undo.
 */
export function isolateAwsEnv(vars: Record<string, string> = {}): () => void {
  const touched = [...credentialVariables, 'AWS_EC2_METADATA_DISABLED', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_REGION', ...Object.keys(vars)];
  const saved = new Map(touched.map((name) => [name, process.env[name]]));
  for (const name of credentialVariables) delete process.env[name];
  const nowhere = join(tmpdir(), 'sparkify-no-aws-config', 'none');
  Object.assign(process.env, { AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: nowhere, AWS_SHARED_CREDENTIALS_FILE: nowhere, AWS_REGION: 'us-east-1' }, vars);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

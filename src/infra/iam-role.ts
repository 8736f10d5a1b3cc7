import { SparkifyError } from '../errors.js';
import { isAwsError } from './aws-errors.js';
import type { InfraContext } from './infra-context.js';
import { s3ReadPolicy, type PolicyDocument } from './s3-read-policy.js';

/** Lets Redshift assume the role (for COPY from S3). */
export function redshiftTrustPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
}

export interface RoleInfo {
  name: string;
  arn: string;
  created: boolean;
}

const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** The role's ARN, or undefined when no role of that name exists. */
export async function findRole(ctx: InfraContext): Promise<{ arn: string; trustsRedshift: boolean } | undefined> {
  const { GetRoleCommand } = await import('@aws-sdk/client-iam');
  const iam = await ctx.clients.iam();
  try {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: ctx.settings.roleName }));
    const trust = decodeURIComponent(Role?.AssumeRolePolicyDocument ?? '');
    return { arn: Role?.Arn ?? '', trustsRedshift: trust === '' || trust.includes('redshift.amazonaws.com') };
  } catch (error) {
    if (isAwsError(error, 'NoSuchEntityException', 'NoSuchEntity')) return undefined;
    throw error;
  }
}

/** Creates the role (or reuses one of that name) and puts the scoped S3 read policy on it; a new role goes into `created`. */
export async function ensureRole(ctx: InfraContext, created: string[] = []): Promise<RoleInfo> {
  const { CreateRoleCommand, PutRolePolicyCommand } = await import('@aws-sdk/client-iam');
  const iam = await ctx.clients.iam();
  const { roleName, policyName, s3Sources, tags } = ctx.settings;
  const policy = JSON.stringify(s3ReadPolicy(s3Sources));
  let role: RoleInfo;
  const existing = await findRole(ctx);
  if (existing) {
    role = { name: roleName, arn: existing.arn, created: false };
    ctx.log(`IAM role ${roleName} exists — reusing it (${existing.arn})`);
    if (!existing.trustsRedshift) ctx.log(`  warning: role ${roleName} does not trust redshift.amazonaws.com; COPY will fail until its trust policy does`);
  } else {
    try {
      const { Role } = await iam.send(
        new CreateRoleCommand({
          RoleName: roleName,
          AssumeRolePolicyDocument: JSON.stringify(redshiftTrustPolicy()),
          Description: 'Lets Redshift COPY the Sparkify source data from S3 (created by sparkify infra up)',
          Tags: tagList(tags),
        }),
      );
      role = { name: roleName, arn: Role?.Arn ?? '', created: true };
      created.push(`IAM role ${roleName}`);
      ctx.log(`created IAM role ${roleName} (${role.arn})`);
    } catch (error) {
      if (!isAwsError(error, 'EntityAlreadyExistsException', 'EntityAlreadyExists')) throw error;
      const raced = await findRole(ctx);
      if (!raced) throw error;
      role = { name: roleName, arn: raced.arn, created: false };
    }
  }
  await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: policy }));
  ctx.log(`  policy ${policyName}: s3:ListBucket + s3:GetObject on ${s3Sources.join(', ')} only`);
  return role;
}

/** Deletes our inline policy, then the role. Returns false when there was no role. */
export async function deleteRole(ctx: InfraContext): Promise<boolean> {
  const { DeleteRoleCommand, DeleteRolePolicyCommand } = await import('@aws-sdk/client-iam');
  const iam = await ctx.clients.iam();
  const { roleName, policyName } = ctx.settings;
  const missing = (error: unknown) => isAwsError(error, 'NoSuchEntityException', 'NoSuchEntity');
  try {
    await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
  } catch (error) {
    if (!missing(error)) throw error;
  }
  try {
    await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
    ctx.log(`deleted IAM role ${roleName}`);
    return true;
  } catch (error) {
    if (missing(error)) return false;
    if (isAwsError(error, 'DeleteConflictException', 'DeleteConflict')) {
      throw new SparkifyError(
        'AWS',
        `IAM role ${roleName} still has other policies or instance profiles attached — detach them in the IAM console and rerun \`sparkify infra down\`, or keep it with --keep-role`,
        { cause: error },
      );
    }
    throw error;
  }
}

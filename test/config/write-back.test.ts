import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIni } from '../../src/config/ini.js';
import { applyIniValues, downValues, upValues, writeBack } from '../../src/config/write-back.js';
import { project, seedConfig } from '../infra/setup.js';

const found = { host: 'h.example.redshift.amazonaws.com', port: 5439, roleArn: 'arn:aws:iam::1:role/r', db: 'sparkify', dbUser: 'admin' };

describe('write-back into dwh.cfg', () => {
  it('sets HOST and ARN and keeps comments, order and other keys', () => {
    const out = applyIniValues(seedConfig, upValues(seedConfig, found));
    const ini = parseIni(out);
    expect(ini.get('CLUSTER')?.get('HOST')?.value).toBe(found.host);
    expect(ini.get('IAM_ROLE')?.get('ARN')?.value).toBe(found.roleArn);
    expect(out.split('\n').filter((line) => /^[#;]/.test(line))).toEqual(seedConfig.split('\n').filter((line) => /^[#;]/.test(line)));
    expect(out.replace(/^(HOST|ARN|DB_NAME|DB_USER)=.*$/gm, '')).toBe(seedConfig.replace(/^(HOST|ARN|DB_NAME|DB_USER)=.*$/gm, ''));
  });

  it('fills DB_NAME, DB_USER, DB_PORT only where dwh.cfg leaves them blank', () => {
    const text = '[CLUSTER]\nHOST=\nDB_NAME=mine\n';
    const values = upValues(text, found);
    expect(values.CLUSTER).toEqual({ HOST: found.host, DB_USER: 'admin', DB_PORT: '5439' });
  });

  it('creates dwh.cfg when absent', () => {
    const { file } = project(null);
    expect(existsSync(file)).toBe(false);
    writeBack(file, (text) => upValues(text, found));
    const ini = parseIni(readFileSync(file, 'utf8'));
    expect(ini.get('CLUSTER')?.get('HOST')?.value).toBe(found.host);
    expect(ini.get('IAM_ROLE')?.get('ARN')?.value).toBe(found.roleArn);
  });

  it('down clears HOST and ARN only when they still name what was deleted', () => {
    const text = applyIniValues(seedConfig, upValues(seedConfig, found));
    expect(downValues(text, { hosts: [found.host], roleArn: found.roleArn })).toEqual({ CLUSTER: { HOST: '' }, IAM_ROLE: { ARN: '' } });
    expect(downValues(text, { hosts: ['other.host'], roleArn: undefined })).toEqual({ CLUSTER: {}, IAM_ROLE: {} });
  });
});

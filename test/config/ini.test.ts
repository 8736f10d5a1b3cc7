import { describe, expect, it } from 'vitest';
import { parseIni, updateIni } from '../../src/config/ini.js';

const seedCfg = `[CLUSTER]
HOST=''
DB_NAME=''
DB_PORT=5439

[IAM_ROLE]
ARN=

[S3]
LOG_DATA='s3://udacity-dend/log_data'
; a comment
[DWH]
DWH_CLUSTER_TYPE       = multi-node
DWH_NUM_NODES          = 4
`;

describe('dwh.cfg INI', () => {
  it('reads the seeds format: quotes stripped, spaces around =, comments ignored', () => {
    const ini = parseIni(seedCfg);
    expect(ini.get('S3')?.get('LOG_DATA')?.value).toBe('s3://udacity-dend/log_data');
    expect(ini.get('CLUSTER')?.get('HOST')?.value).toBe('');
    expect(ini.get('DWH')?.get('DWH_NUM_NODES')).toEqual({ value: '4', line: 14 });
  });

  it('writes values back keeping comments, order and other keys', () => {
    const out = updateIni(seedCfg, 'CLUSTER', { HOST: 'c.example.com' });
    expect(out).toContain('HOST=c.example.com');
    expect(out).toContain('; a comment');
    expect(out).toContain('DB_PORT=5439');
    const added = updateIni(out, 'IAM_ROLE', { ARN: 'arn:aws:iam::1:role/r' });
    expect(parseIni(added).get('IAM_ROLE')?.get('ARN')?.value).toBe('arn:aws:iam::1:role/r');
  });

  it('adds a missing section at the end', () => {
    const out = updateIni('[A]\nX=1\n', 'LOCAL', { SOURCE: 'data' });
    expect(parseIni(out).get('LOCAL')?.get('SOURCE')?.value).toBe('data');
    expect(parseIni(out).get('A')?.get('X')?.value).toBe('1');
  });
});

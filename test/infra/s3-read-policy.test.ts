import { describe, expect, it } from 'vitest';
import { parseS3Url, s3ReadPolicy } from '../../src/infra/s3-read-policy.js';

describe('scoped S3 read policy', () => {
  it('lists only the prefixes and reads only the objects under them', () => {
    const policy = s3ReadPolicy(['s3://udacity-dend/log_data', 's3://udacity-dend/song_data/A/A/', 's3://udacity-dend/log_json_path.json']);
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListSourcePrefixes1',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::udacity-dend',
          Condition: { StringLike: { 's3:prefix': ['log_data*', 'song_data/A/A/*'] } },
        },
        {
          Sid: 'ReadSourceObjects',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: ['arn:aws:s3:::udacity-dend/log_data*', 'arn:aws:s3:::udacity-dend/song_data/A/A/*', 'arn:aws:s3:::udacity-dend/log_json_path.json'],
        },
      ],
    });
  });

  it('one ListBucket statement per bucket, no wildcard action or bucket', () => {
    const policy = s3ReadPolicy(['s3://my-logs/events', 's3://my-songs/catalog']);
    expect(policy.Statement.map((s) => s.Resource)).toEqual(['arn:aws:s3:::my-logs', 'arn:aws:s3:::my-songs', ['arn:aws:s3:::my-logs/events*', 'arn:aws:s3:::my-songs/catalog*']]);
    const text = JSON.stringify(policy);
    expect(text).not.toContain('s3:*');
    expect(text).not.toContain('arn:aws:s3:::*');
  });

  it('refuses what is not an s3:// URL', () => {
    expect(parseS3Url('s3://udacity-dend/log_data')).toEqual({ bucket: 'udacity-dend', key: 'log_data' });
    expect(() => parseS3Url('https://udacity-dend.s3.amazonaws.com/log_data')).toThrow(/not an s3:\/\/bucket\/prefix URL/);
    expect(() => s3ReadPolicy([])).toThrow(/no s3:\/\/ source/);
  });
});

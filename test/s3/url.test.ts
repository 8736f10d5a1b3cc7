import { sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endpointFolder, keyToPath } from '../../src/s3/cache.js';
import { isDataKey, isUnder, parseS3Url } from '../../src/s3/url.js';

describe('s3:// locations', () => {
  it('parses bucket and prefix', () => {
    expect(parseS3Url('s3://udacity-dend/log_data')).toEqual({ bucket: 'udacity-dend', prefix: 'log_data', url: 's3://udacity-dend/log_data' });
    expect(parseS3Url('s3://udacity-dend/')).toMatchObject({ bucket: 'udacity-dend', prefix: '' });
    expect(parseS3Url('s3://udacity-dend')).toMatchObject({ bucket: 'udacity-dend', prefix: '' });
    expect(parseS3Url('s3://b.example/a/b/')).toMatchObject({ prefix: 'a/b/' });
  });

  it('rejects what is not a bucket', () => {
    for (const bad of ['s3://', 's3:///x', 's3://a/x', 's3://-bad/x', 's3://bad bucket/x']) {
      expect(() => parseS3Url(bad), bad).toThrow(/is not an S3 location — write it as s3:\/\/bucket\/prefix/);
    }
  });

  it('takes keys in the prefix as a folder, or the one object it names', () => {
    const logData = parseS3Url('s3://b12/log_data');
    expect(isUnder(logData, 'log_data/2018/11/a.json')).toBe(true);
    expect(isUnder(logData, 'log_data')).toBe(true);
    expect(isUnder(logData, 'log_data_old/a.json')).toBe(false);
    expect(isUnder(parseS3Url('s3://b12/log'), 'log_data/a.json')).toBe(false);
    expect(isUnder(parseS3Url('s3://b12/'), 'anything.json')).toBe(true);
    expect(isUnder(parseS3Url('s3://b12/log_data/'), 'log_data/a.json')).toBe(true);
  });

  it('loads only .json and .json.gz keys', () => {
    expect(['a.json', 'a.JSON', 'a.json.gz', 'x/'].map(isDataKey)).toEqual([true, true, true, false]);
    expect(['a.txt', 'a.json.bak', 'a.jsonl', 'log_json_path.json.tmp'].some(isDataKey)).toBe(false);
  });
});

describe('cache paths', () => {
  it('mirror the key, one folder per slash', () => {
    expect(keyToPath('log_data/2018/11/a.json')).toBe(['log_data', '2018', '11', 'a.json'].join(sep));
  });

  it('escape segments a file system would misread, keeping distinct keys distinct', () => {
    expect(keyToPath('a/../../etc/passwd.json')).toBe(['a', '%2E%2E', '%2E%2E', 'etc', 'passwd.json'].join(sep));
    expect(keyToPath('a//./b.json')).toBe(['a', '%', '%2E', 'b.json'].join(sep));
    expect(keyToPath('a/%2E%2E/b.json')).not.toBe(keyToPath('a/../b.json'));
  });

  it('keep one folder per endpoint', () => {
    expect(endpointFolder(undefined)).toBe('aws');
    expect(endpointFolder('http://127.0.0.1:9000/')).toBe('127.0.0.1_9000');
    expect(endpointFolder('https://minio.local:9000/base')).toBe('minio.local_9000_base');
  });
});

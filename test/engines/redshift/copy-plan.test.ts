import { describe, expect, it } from 'vitest';
import { planCopies, type PlanInput } from '../../../src/engines/redshift/copy-plan.js';
import { manifestJson } from '../../../src/sql/dialects/redshift-copy.js';
import { parseS3Url } from '../../../src/s3/url.js';

const file = (key: string) => ({ path: `s3://bucket/${key}`, size: 10, tag: 'etag' });
const base = (over: Partial<PlanInput>): PlanInput => ({
  kind: 'events',
  files: [],
  runId: 'run-1',
  location: parseS3Url('s3://bucket/log_data'),
  listedKeys: [],
  stagingPrefix: undefined,
  ...over,
});

describe('choosing the COPYs of a stage', () => {
  it('a full load of exactly what the prefix holds is one COPY of the prefix', () => {
    const keys = ['log_data/', 'log_data/a.json', 'log_data/b.json'];
    const jobs = planCopies(base({ files: [file('log_data/a.json'), file('log_data/b.json')], listedKeys: keys }), manifestJson);
    expect(jobs).toEqual([expect.objectContaining({ from: 's3://bucket/log_data', manifest: false, gzip: false })]);
  });

  it('new files only, with a staging prefix: one COPY through a manifest listing exactly them', () => {
    const files = [file('log_data/b.json'), file('log_data/c.json')];
    const jobs = planCopies(base({ files, listedKeys: ['log_data/a.json', 'log_data/b.json', 'log_data/c.json'], stagingPrefix: 's3://mine/sparkify/' }), manifestJson);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ from: 's3://mine/sparkify/run-1/events.manifest', manifest: true });
    expect(JSON.parse(jobs[0]!.manifestBody!)).toEqual({
      entries: [
        { url: 's3://bucket/log_data/b.json', mandatory: true },
        { url: 's3://bucket/log_data/c.json', mandatory: true },
      ],
    });
  });

  it('new files only, without a staging prefix: one COPY per file', () => {
    const jobs = planCopies(
      base({ files: [file('log_data/b.json'), file('log_data/c.json')], listedKeys: ['log_data/a.json', 'log_data/b.json', 'log_data/c.json'] }),
      manifestJson,
    );
    expect(jobs.map((j) => [j.from, j.files.length])).toEqual([
      ['s3://bucket/log_data/b.json', 1],
      ['s3://bucket/log_data/c.json', 1],
    ]);
  });

  it('refuses a per-file COPY that would also read another key starting with the same name', () => {
    const input = base({ files: [file('log_data/a.json')], listedKeys: ['log_data/a.json', 'log_data/a.json.bak', 'log_data/b.json'] });
    expect(() => planCopies(input, manifestJson)).toThrow(/would also read s3:\/\/bucket\/log_data\/a\.json\.bak .* MANIFEST_PREFIX/);
  });

  it('refuses hundreds of per-file COPYs and says how to load them in one', () => {
    const files = Array.from({ length: 150 }, (_, i) => file(`log_data/${i}.json`));
    expect(() => planCopies(base({ files, listedKeys: [...files.map((f) => f.path.slice(12)), 'log_data/other.json'] }), manifestJson)).toThrow(
      /150 new events files would take 150 separate COPYs — set \[S3\] MANIFEST_PREFIX/,
    );
  });

  it('never mixes gzip and plain files in one COPY, and puts single-file COPYs first', () => {
    const files = [file('log_data/a.json'), file('log_data/b.json.gz'), file('log_data/c.json.gz')];
    const jobs = planCopies(base({ files, listedKeys: files.map((f) => f.path.slice(12)), stagingPrefix: 's3://mine/x' }), manifestJson);
    expect(jobs.map((j) => [j.from, j.gzip, j.files.length])).toEqual([
      ['s3://bucket/log_data/a.json', false, 1],
      ['s3://mine/x/run-1/events-gzip.manifest', true, 2],
    ]);
  });
});

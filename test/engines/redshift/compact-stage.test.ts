import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import type { Compaction } from '../../../src/engines/redshift/compact/compact-files.js';
import { compactedJob } from '../../../src/engines/redshift/compact/compact-job.js';
import { compactSettings, type CompactRequest, type Compactor } from '../../../src/engines/redshift/compact/compactor.js';
import { DataApiWarehouse } from '../../../src/engines/redshift/data-api-warehouse.js';
import { RedshiftStager, type StageSettings } from '../../../src/engines/redshift/redshift-stage.js';
import { stageSettings } from '../../../src/engines/redshift/redshift-warehouse.js';
import type { Reject, SourceFile } from '../../../src/sources/source-file.js';
import { fakeClient, fakeDataApi, fakeS3, type FakeAnswer } from './fake-data-api.js';

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();
const songFiles = (n: number): SourceFile[] =>
  Array.from({ length: n }, (_, i) => ({ path: `s3://udacity-dend/song_data/A/${String(i).padStart(4, '0')}.json`, size: 250, tag: `e${i}` }));

/** A compaction as compactFiles reports it: `parts` parts, the files spread over them in order, one record each. */
function fakeCompaction(files: SourceFile[], parts: number): Compaction {
  const per = Math.ceil(files.length / parts);
  return {
    kind: 'songs',
    plan: { parts, slices: parts, estimatedPartBytes: 1000, belowMinimum: true },
    parts: Array.from({ length: parts }, (_, p) => {
      const mine = files.slice(p * per, (p + 1) * per);
      return {
        url: `s3://own/compacted/run-1/songs/part-0000${p}.json.gz`,
        records: mine.length,
        textBytes: mine.length * 250,
        bytes: mine.length * 50,
        spans: mine.map((f, i) => ({ file: f.path, start: i + 1, count: 1, first: 1 })),
      };
    }),
    files: files.length,
    records: files.length,
    bytesIn: files.length * 250,
    bytesOut: files.length * 50,
  };
}

function fakeCompactor(): Compactor & { requests: CompactRequest[] } {
  const requests: CompactRequest[] = [];
  return {
    requests,
    async compact(request) {
      requests.push(request);
      request.onProgress?.({ files: request.files.length, totalFiles: request.files.length, records: request.files.length, bytesIn: 0, bytesOut: 0 });
      return compactedJob('s3://own/compacted/', request.runId, request.files, fakeCompaction(request.files, request.slices));
    },
    close: () => undefined,
  };
}

function setup(answer: (sql: string) => FakeAnswer, overrides: Partial<StageSettings> = {}) {
  const fake = fakeDataApi(answer);
  const s3 = fakeS3();
  const listed: string[] = [];
  const staging = {
    ...s3,
    listKeys: async (url: string) => {
      listed.push(url);
      return [];
    },
  };
  const compactor = fakeCompactor();
  const settings: StageSettings = {
    iamRoleArn: 'arn:aws:iam::123456789012:role/sparkify-s3-read',
    region: 'us-west-2',
    logJsonPath: 's3://udacity-dend/log_json_path.json',
    maxErrors: undefined,
    stagingPrefix: 's3://own/manifests',
    locations: { events: 's3://udacity-dend/log_data', songs: 's3://udacity-dend/song_data' },
    errorView: 'stl',
    compaction: { to: 's3://own/compacted/', keep: false, configuredSlices: 8 },
    ...overrides,
  };
  const warehouse = new DataApiWarehouse(
    fakeClient(),
    'public',
    new RedshiftStager(
      settings,
      () => staging,
      () => compactor,
    ),
  );
  const rejects: Reject[] = [];
  const context = { runId: 'run-1', onReject: (r: Reject) => rejects.push(r) };
  return { fake, s3, listed, compactor, warehouse, rejects, context };
}

const answers = (sql: string): FakeAnswer => {
  if (sql.includes('stv_slices')) return { rows: [{ n: 2 }] };
  if (sql.includes('pg_last_copy_id')) return { rows: [{ query_id: 41 }] };
  if (sql.includes('stl_load_errors')) {
    return { rows: [{ file: 's3://own/compacted/run-1/songs/part-00001.json.gz', line: 3, column_name: 'year', code: 1207, reason: 'Invalid digit', raw: '{"year": "x"}' }] };
  }
  if (sql.includes('pg_last_copy_count') || sql.startsWith('SELECT COUNT')) return { rows: [{ n: 39 }] };
  if (sql.startsWith('SELECT source_file, COUNT(*)')) return { rows: [] };
  return {};
};

describe('staging through compaction (--compact-to)', () => {
  it('many small files: compacts them for the cluster’s slices, then one COPY … MANIFEST … GZIP of the parts', async () => {
    const { fake, s3, listed, compactor, warehouse, rejects, context } = setup(answers);
    const files = songFiles(40);
    expect(await warehouse.stage('songs', files, context)).toEqual({ rows: 39 });

    expect(compactor.requests.map((r) => [r.kind, r.files.length, r.runId, r.slices])).toEqual([['songs', 40, 'run-1', 2]]);
    expect(listed).toEqual([]); // no listing of the source prefix: the manifest names the parts
    const sqls = fake.sent.map((s) => oneLine(s.sql));
    expect(sqls.slice(0, 2)).toEqual(['SHOW enable_case_sensitive_identifier', 'SELECT COUNT(*) AS n FROM stv_slices']);
    const copy = sqls.find((s) => s.startsWith('COPY'))!;
    expect(copy).toMatch(
      /^COPY "public"\."staging_songs" \(.*\) FROM 's3:\/\/own\/compacted\/run-1\/songs\.manifest' IAM_ROLE '[^']+' FORMAT AS JSON 'auto ignorecase' MANIFEST GZIP REGION 'us-west-2' MAXERROR 100000 COMPUPDATE OFF STATUPDATE OFF$/,
    );
    expect(JSON.parse(s3.written.get('s3://own/compacted/run-1/songs.manifest')!)).toEqual({
      entries: [
        { url: 's3://own/compacted/run-1/songs/part-00000.json.gz', mandatory: true },
        { url: 's3://own/compacted/run-1/songs/part-00001.json.gz', mandatory: true },
      ],
    });
    // After the COPY: manifest and parts deleted; the error told against the source file it came from.
    expect(s3.removed.sort()).toEqual([
      's3://own/compacted/run-1/songs.manifest',
      's3://own/compacted/run-1/songs/part-00000.json.gz',
      's3://own/compacted/run-1/songs/part-00001.json.gz',
    ]);
    expect(rejects).toEqual([{ kind: 'songs', file: files[22]!.path, line: 1, reason: 'column "year": Invalid digit (Redshift load error 1207)', raw: '{"year": "x"}' }]);
    const counts = new Map((await warehouse.stagedFileCounts('songs')).map((r) => [r.source_file, r.n]));
    expect(counts.size).toBe(40);
    expect(counts.get(files[22]!.path)).toBe(0);
    expect(counts.get(files[0]!.path)).toBe(1);
  });

  it('a few files, or few slices’ worth: the plain COPY plan, no compaction', async () => {
    const { fake, compactor, warehouse, context } = setup(answers);
    await warehouse.stage('songs', songFiles(4), context);
    expect(compactor.requests).toEqual([]);
    expect(oneLine(fake.sent.find((s) => s.sql.startsWith('COPY'))!.sql)).toContain(`FROM 's3://own/manifests/run-1/songs.manifest'`);
  });

  it('--keep-compacted leaves parts and manifest; serverless takes its slices from dwh.cfg', async () => {
    const { fake, s3, compactor, warehouse, context } = setup(answers, { errorView: 'sys', compaction: { to: 's3://own/compacted', keep: true, configuredSlices: 4 } });
    await warehouse.stage('songs', songFiles(40), context);
    expect(compactor.requests[0]!.slices).toBe(4);
    expect(fake.sent.some((s) => s.sql.includes('stv_slices'))).toBe(false);
    expect(s3.removed).toEqual([]);
  });

  it('slices come from the cluster whatever its node type, and a fallback to [DWH] is a warning', async () => {
    // 3 × ra3.large: stv_slices says 6 — no table of node types is asked.
    const live = setup((sql) => (sql.includes('stv_slices') ? { rows: [{ n: 6 }] } : answers(sql)), {
      compaction: { to: 's3://own/compacted', keep: false, configuredSlices: 99 },
    });
    const warnings: string[] = [];
    await live.warehouse.stage('songs', songFiles(40), { ...live.context, onWarning: (w: string) => warnings.push(w) });
    expect(live.compactor.requests[0]!.slices).toBe(6);
    expect(warnings).toEqual([]);

    const refused = setup((sql) => (sql.includes('stv_slices') ? { statuses: ['FAILED'], error: 'permission denied for relation stv_slices' } : answers(sql)));
    await refused.warehouse.stage('songs', songFiles(40), { ...refused.context, onWarning: (w: string) => warnings.push(w) });
    expect(refused.compactor.requests[0]!.slices).toBe(8);
    expect(warnings).toEqual([
      'could not read the slice count from the cluster (SELECT COUNT(*) FROM stv_slices gave nothing) — compacted files are a multiple of 8 slices, from [DWH] DWH_NUM_NODES × slices per DWH_NODE_TYPE',
    ]);
  });

  it('a failed COPY says where the compacted files were kept', async () => {
    const { s3, warehouse, context } = setup((sql) => (sql.startsWith('COPY') ? { statuses: ['FAILED'], error: 'ERROR: S3ServiceException: Access Denied' } : answers(sql)), {
      maxErrors: 0,
    });
    await expect(warehouse.stage('songs', songFiles(40), context)).rejects.toThrow(/the compacted files stay under s3:\/\/own\/compacted\/run-1\/songs\/ for inspection/);
    expect(s3.removed).toEqual([]);
  });
});

describe('configuring compaction', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const load = (flags: Record<string, string | boolean>, env: NodeJS.ProcessEnv = {}, cfg = '') => {
    const cwd = mkdtempSync(join(tmpdir(), 'sparkify-compact-cfg-'));
    dirs.push(cwd);
    writeFileSync(join(cwd, 'dwh.cfg'), cfg);
    return loadConfig({ cwd, env, flags: { target: 'redshift', source: 's3://udacity-dend', ...flags } });
  };

  it('reads --compact-to / SPARKIFY_COMPACT_TO / [S3] COMPACT_TO and --keep-compacted, with slices from [DWH]', () => {
    expect(compactSettings(load({ 'compact-to': 's3://own/c', 'keep-compacted': true }))).toEqual({ to: 's3://own/c', keep: true, configuredSlices: 4 });
    expect(compactSettings(load({}, { SPARKIFY_COMPACT_TO: 's3://own/e' }))).toMatchObject({ to: 's3://own/e', keep: false });
    const cfg = '[S3]\nCOMPACT_TO=s3://own/ini\nKEEP_COMPACTED=yes\n[DWH]\nDWH_NUM_NODES=2\nDWH_NODE_TYPE=ra3.4xlarge\n';
    expect(compactSettings(load({}, {}, cfg))).toEqual({ to: 's3://own/ini', keep: true, configuredSlices: 8 });
    expect(compactSettings(load({}))).toBeUndefined();
    expect(stageSettings(load({ 'compact-to': 's3://own/c' }), 'data-api').compaction?.to).toBe('s3://own/c');
  });

  it('refuses a prefix that is not s3://, or one inside the source (the next run would load the parts)', () => {
    expect(() => compactSettings(load({ 'compact-to': '/tmp/x' }))).toThrow(/--compact-to must be a writable s3:\/\/ prefix/);
    expect(() => compactSettings(load({ 'compact-to': 's3://udacity-dend/song_data/compacted' }))).toThrow(/is inside the source s3:\/\/udacity-dend\/song_data/);
    expect(compactSettings(load({ 'compact-to': 's3://udacity-dend/song_data_compacted' }))?.to).toBe('s3://udacity-dend/song_data_compacted');
  });
});

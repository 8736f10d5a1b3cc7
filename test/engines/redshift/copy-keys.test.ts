import { describe, expect, it } from 'vitest';
import { DataApiWarehouse } from '../../../src/engines/redshift/data-api-warehouse.js';
import { checkJsonPaths } from '../../../src/engines/redshift/jsonpaths-check.js';
import { jsonPathsJson } from '../../../src/sql/dialects/redshift-copy.js';
import type { Reject } from '../../../src/sources/source-file.js';
import { fakeClient, fakeDataApi, fakeS3, stagerWith, udacityJsonPaths } from './fake-data-api.js';

/*
 * COPY … FORMAT AS JSON fails silently in three ways: 'auto' matches keys case-sensitively to the
 * lowercase columns (camelCase keys load NULL), a JSONPaths file whose top key is not exactly
 * "jsonpaths" is ignored for 'auto', and a JSONPaths file under the data prefix is loaded as data.
 */

const s3file = (key: string) => ({ path: `s3://udacity-dend/${key}`, size: 100, tag: 'e' });
const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();
const ours = 's3://mine/log_json_path.json';

function setup(
  objects: Record<string, string>,
  settings: Record<string, unknown> = {},
  answer: (sql: string) => { rows?: Record<string, string | number | null>[] } = () => ({ rows: [{ n: 0, query_id: 0 }] }),
) {
  const fake = fakeDataApi(answer);
  const s3 = fakeS3({}, objects);
  const warehouse = new DataApiWarehouse(fakeClient(), 'public', stagerWith(s3, { logJsonPath: ours, ...settings }));
  const context = { runId: 'run-1', onReject: (_: Reject) => undefined };
  const copies = () => fake.sent.filter((s) => s.sql.startsWith('COPY')).map((s) => oneLine(s.sql));
  return { fake, s3, warehouse, context, copies };
}

describe('COPY keys: the JSONPaths file is read and checked before COPY', () => {
  it("Udacity's log_json_path.json and sparkify's own pass", () => {
    expect(() => checkJsonPaths('events', 's3://udacity-dend/log_json_path.json', udacityJsonPaths)).not.toThrow();
    expect(() => checkJsonPaths('events', 's3://x/own.jsonpaths', jsonPathsJson('events'))).not.toThrow();
    expect(() =>
      checkJsonPaths('events', 's3://x/dot.json', JSON.stringify({ jsonpaths: JSON.parse(udacityJsonPaths).jsonpaths.map((p: string) => p.replace(/^\$\['(\w+)'\]$/, '$.$1')) })),
    ).not.toThrow();
  });

  it('a top key other than exactly "jsonpaths" stops the run before COPY (COPY would silently use auto)', async () => {
    const wrongKey = udacityJsonPaths.replace('"jsonpaths"', '"JSONPaths"');
    const { warehouse, context, copies } = setup({ [ours]: wrongKey });
    await expect(warehouse.stage('events', [s3file('log_data/a.json')], context)).rejects.toThrow(
      /^the JSONPaths file s3:\/\/mine\/log_json_path\.json must have exactly one top key, "jsonpaths" \(lowercase\), found "JSONPaths": with any other, COPY silently ignores the file .* camelCase keys load NULL — fix it, or empty \[S3\] LOG_JSONPATH/,
    );
    expect(copies()).toEqual([]);
    const extra = JSON.stringify({ ...JSON.parse(udacityJsonPaths), comment: 'mine' });
    expect(() => checkJsonPaths('events', ours, extra)).toThrow(/found "jsonpaths", "comment"/);
  });

  it('a path count that is not the staging column count stops the run, naming both', async () => {
    const short = JSON.stringify({ jsonpaths: JSON.parse(udacityJsonPaths).jsonpaths.slice(0, 17) });
    const { warehouse, context, copies } = setup({ [ours]: short });
    await expect(warehouse.stage('events', [s3file('log_data/a.json')], context)).rejects.toThrow(
      /lists 17 paths, but COPY fills 18 columns of staging_events \(artist, auth, first_name, .*, user_id\) by position/,
    );
    expect(copies()).toEqual([]);
  });

  it('paths out of order would shift columns: refused, naming the first one', () => {
    const paths = JSON.parse(udacityJsonPaths).jsonpaths as string[];
    [paths[2], paths[5]] = [paths[5]!, paths[2]!];
    expect(() => checkJsonPaths('events', ours, JSON.stringify({ jsonpaths: paths }))).toThrow(
      /maps path 3 \(\$\['lastName'\]\) onto column first_name, which reads key "firstName"/,
    );
  });

  it('not JSON, or not an object of strings: refused', () => {
    expect(() => checkJsonPaths('events', ours, '{"jsonpaths": [')).toThrow(/is not JSON/);
    expect(() => checkJsonPaths('events', ours, '[]')).toThrow(/must be one JSON object/);
    expect(() => checkJsonPaths('events', ours, '{"jsonpaths": "$[\'artist\']"}')).toThrow(/as an array of strings/);
  });

  it('a JSONPaths file under the data prefix is refused: COPY would load it as data', async () => {
    const inside = 's3://udacity-dend/log_data/log_json_path.json';
    const { warehouse, context, copies } = setup({ [inside]: udacityJsonPaths }, { logJsonPath: inside });
    await expect(warehouse.stage('events', [s3file('log_data/a.json')], context)).rejects.toThrow(
      /lies under the data prefix s3:\/\/udacity-dend\/log_data, so COPY would load it as an event/,
    );
    // A sibling key that merely starts with the prefix is read by COPY too.
    const sibling = setup({ 's3://udacity-dend/log_data_paths.json': udacityJsonPaths }, { logJsonPath: 's3://udacity-dend/log_data_paths.json' });
    await expect(sibling.warehouse.stage('events', [s3file('log_data/a.json')], sibling.context)).rejects.toThrow(/lies under the data prefix/);
    expect([...copies(), ...sibling.copies()]).toEqual([]);
  });

  it('a file that cannot be read stops the run before COPY', async () => {
    const { warehouse, context, copies } = setup({}, { logJsonPath: 's3://mine/missing.json' });
    await expect(warehouse.stage('events', [s3file('log_data/a.json')], context)).rejects.toThrow(/NoSuchKey: s3:\/\/mine\/missing\.json/);
    expect(copies()).toEqual([]);
  });

  it('a good file is read once and used: events map by JSONPaths, never by name', async () => {
    const { s3, warehouse, context, copies } = setup({ [ours]: udacityJsonPaths });
    await warehouse.stage('events', [s3file('log_data/a.json')], context);
    await warehouse.stage('events', [s3file('log_data/b.json')], context);
    expect(copies()).toHaveLength(2);
    for (const copy of copies()) expect(copy).toContain(`FORMAT AS JSON '${ours}'`);
    expect(s3.written.size).toBe(0);
  });

  it('with LOG_JSONPATH empty, writes its own next to the manifest, outside the data', async () => {
    const { s3, warehouse, context, copies } = setup({}, { logJsonPath: undefined, stagingPrefix: 's3://mine/manifests' });
    await warehouse.stage('events', [s3file('log_data/a.json')], context);
    const written = s3.written.get('s3://mine/manifests/run-1/staging_events.jsonpaths')!;
    expect(() => checkJsonPaths('events', 'own', written)).not.toThrow();
    expect(copies()[0]).toContain(`FORMAT AS JSON 's3://mine/manifests/run-1/staging_events.jsonpaths'`);
    const under = setup({}, { logJsonPath: undefined, stagingPrefix: 's3://udacity-dend/log_data/_sparkify' });
    await expect(under.warehouse.stage('events', [s3file('log_data/a.json')], under.context)).rejects.toThrow(/lies under the data prefix/);
  });
});

describe('COPY keys: enable_case_sensitive_identifier', () => {
  it.each(['on', 'off'])('with it %s, the session is asked and COPY is the same lowercase, quoted text', async (setting) => {
    const answer = (sql: string) =>
      sql.startsWith('SHOW enable_case_sensitive_identifier') ? { rows: [{ enable_case_sensitive_identifier: setting }] } : { rows: [{ n: 0, query_id: 0 }] };
    const run = setup({ [ours]: udacityJsonPaths }, {}, answer);
    const stager = stagerWith(run.s3, { logJsonPath: ours });
    const warehouse = new DataApiWarehouse(fakeClient(), 'public', stager);
    await warehouse.stage('events', [s3file('log_data/a.json')], run.context);
    await warehouse.stage('songs', [s3file('song_data/a.json')], run.context);
    expect(stager.identifierCase).toBe(setting);
    expect(run.fake.sent.filter((s) => s.sql.startsWith('SHOW'))).toHaveLength(1);
    const copies = run.copies();
    expect(copies[0]).toMatch(/^COPY "public"\."staging_events" \("artist", "auth", "first_name", .*"user_id"\) FROM /);
    // Songs' keys are the column names already: matched by name, whatever the case setting.
    expect(copies[1]).toMatch(/^COPY "public"\."staging_songs" \("num_songs", "artist_id", .*\) FROM .* FORMAT AS JSON 'auto ignorecase'/);
  });
});

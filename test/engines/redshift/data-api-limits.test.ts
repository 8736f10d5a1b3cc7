import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStatementCommand, ExecuteStatementCommand, GetStatementResultCommand } from '@aws-sdk/client-redshift-data';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { DataApiSession, maxSessionMs } from '../../../src/engines/redshift/data-api-client.js';
import { DataApiWarehouse } from '../../../src/engines/redshift/data-api-warehouse.js';
import { openRedshiftWarehouse } from '../../../src/engines/redshift/redshift-warehouse.js';
import type { SparkifyError } from '../../../src/errors.js';
import { dataApiMock, fakeClient, fakeDataApi, fakePoll, fakeS3, stagerWith } from './fake-data-api.js';

/*
 * The Data API's documented limits, each as a scripted state machine on aws-sdk-client-mock:
 * statement states, busy sessions, the 100 KB statement text, result pages, the 24 h session.
 */

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name, $metadata: {} });

function workgroupConfig() {
  const cwd = mkdtempSync(join(tmpdir(), 'sparkify-limits-'));
  writeFileSync(join(cwd, 'dwh.cfg'), "[CLUSTER]\nHOST=''\nDB_NAME=sparkify\nWORKGROUP=sparkify-wg\n");
  return loadConfig({ cwd, env: {}, flags: { target: 'redshift' } });
}

describe('Data API limits', () => {
  it('statement states: SUBMITTED → PICKED → STARTED → FINISHED gives rows; → FAILED and → ABORTED give one-line errors', async () => {
    const fake = fakeDataApi((sql) =>
      sql.includes('bad')
        ? { statuses: ['SUBMITTED', 'PICKED', 'STARTED', 'FAILED'], error: 'ERROR: column "bad" does not exist\nDETAIL: …' }
        : sql.includes('stop')
          ? { statuses: ['SUBMITTED', 'ABORTED'], error: 'Query cancelled' }
          : { statuses: ['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED'], rows: [{ n: 3 }] },
    );
    const poll = fakePoll();
    const w = new DataApiWarehouse(fakeClient(poll), 'public', stagerWith(fakeS3()));
    expect(await w.query('SELECT 3 AS n')).toEqual([{ n: 3 }]);
    expect(dataApiMock.commandCalls(DescribeStatementCommand)).toHaveLength(4);
    await expect(w.query('SELECT bad FROM songs')).rejects.toThrow(
      /^Redshift cluster sparkify-cluster, database dev: ERROR: column "bad" does not exist — in: SELECT bad FROM songs$/,
    );
    await expect(w.run('SELECT stop()')).rejects.toThrow(/the statement was aborted \(Query cancelled\) — in: SELECT stop\(\)$/);
    expect(fake.sent.map((s) => s.session)).toEqual(['session-1', 'session-1', 'session-1']);
  });

  it('ActiveSessionsExceededException is transient: retried with backoff under the same ClientToken, then it runs', async () => {
    fakeDataApi();
    // The account has no free session for the first two tries, then one frees up.
    let tries = 0;
    dataApiMock.on(ExecuteStatementCommand).callsFake(() => {
      if (++tries <= 2) throw awsError('ActiveSessionsExceededException', 'Active sessions exceeded the limit');
      return { Id: 'st-1', SessionId: 'session-9' };
    });
    dataApiMock.on(DescribeStatementCommand).resolves({ Status: 'FINISHED', HasResultSet: true });
    dataApiMock.on(GetStatementResultCommand).resolves({ ColumnMetadata: [{ name: 'ok', label: 'ok', typeName: 'int4' }], Records: [[{ longValue: 1 }]] });
    const slept: number[] = [];
    const w = await openRedshiftWarehouse(workgroupConfig(), { retry: { attempts: 6, baseDelayMs: 1000, sleep: async (ms) => void slept.push(ms) } });
    const tokens = dataApiMock.commandCalls(ExecuteStatementCommand).map((c) => c.args[0].input.ClientToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(1);
    expect(slept).toHaveLength(2);
    expect(slept[0]).toBeGreaterThanOrEqual(500);
    expect(slept[1]).toBeGreaterThanOrEqual(1000);
    await w.close();
  });

  it('sessions still exhausted after the retries: one transient line that says to try again', async () => {
    fakeDataApi();
    dataApiMock.on(ExecuteStatementCommand).rejects(awsError('ActiveSessionsExceededException', 'Active sessions exceeded the limit'));
    const error = (await openRedshiftWarehouse(workgroupConfig(), { retry: { attempts: 3, baseDelayMs: 1, sleep: async () => {} } }).catch((e: unknown) => e)) as SparkifyError;
    expect(dataApiMock.commandCalls(ExecuteStatementCommand)).toHaveLength(3);
    expect([error.code, error.transient]).toEqual(['CONNECTION', true]);
    expect(error.message).toBe(
      'Redshift Serverless workgroup sparkify-wg, database sparkify via the Data API: too many statements or sessions at once (ActiveSessionsExceededException) — try again shortly',
    );
  });

  it('SQL text over 100 KB that cannot be split is refused before it is sent, saying what to do', async () => {
    fakeDataApi();
    const w = new DataApiWarehouse(fakeClient(), 'public', stagerWith(fakeS3()));
    const huge = `SELECT '${'x'.repeat(101_000)}' AS big`;
    await expect(w.query(huge)).rejects.toThrow(/^a statement of 99 KB is over the Data API's 100 KB limit — use --via pg for this warehouse$/);
    expect(dataApiMock.commandCalls(ExecuteStatementCommand)).toHaveLength(0);
  });

  it('results page with NextToken until there is none, columns from the first page', async () => {
    fakeDataApi(() => ({
      pages: [
        { columns: [{ name: 'n', label: 'n', typeName: 'int8' }], records: [[{ longValue: 1 }], [{ longValue: 2 }]] },
        { records: [[{ longValue: 3 }]] },
        { records: [[{ longValue: 4 }]] },
      ],
    }));
    const w = new DataApiWarehouse(fakeClient(), 'public', stagerWith(fakeS3()));
    expect(await w.query('SELECT n FROM big')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(dataApiMock.commandCalls(GetStatementResultCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, 'page-1', 'page-2']);
  });

  it('a session lives at most 24 h: a fresh one is opened before that between transactions', async () => {
    const fake = fakeDataApi();
    let clock = 0;
    const session = new DataApiSession(fakeClient(fakePoll({ now: () => clock })), 600);
    await session.execute('SELECT 1');
    clock = maxSessionMs - 60 * 60_000; // 23 h: same session
    await session.execute('SELECT 2');
    clock = maxSessionMs - 5 * 60_000; // 23 h 55 min: a new one, opened with the connection parameters
    await session.execute('SELECT 3');
    expect(fake.sent.map((s) => s.session)).toEqual(['session-1', 'session-1', 'session-2']);
    expect(fake.sent[2]!.input).toMatchObject({ ClusterIdentifier: 'sparkify-cluster', SessionKeepAliveSeconds: 600 });
    expect(fake.sent[2]!.input).not.toHaveProperty('SessionId');
  });

  it('inside a transaction near the 24 h limit, the step stops with a transient error instead of losing its work silently', async () => {
    const fake = fakeDataApi();
    let clock = 0;
    const session = new DataApiSession(fakeClient(fakePoll({ now: () => clock })), 600);
    await session.execute('BEGIN');
    clock = maxSessionMs - 5 * 60_000;
    const error = (await session.execute('INSERT INTO songs SELECT * FROM staging_songs').catch((e: unknown) => e)) as SparkifyError;
    expect([error.code, error.transient]).toEqual(['CONNECTION', true]);
    expect(error.message).toMatch(/the session is about to reach the Data API's 24 h limit inside a transaction — the step in progress is rolled back; run again$/);
    expect(fake.sent.map((s) => s.sql)).toEqual(['BEGIN']);
  });

  it('SessionKeepAliveSeconds never asks for more than the 24 h the Data API allows', async () => {
    fakeDataApi();
    await new DataApiSession(fakeClient(), 3 * 86_400).execute('SELECT 1');
    expect(dataApiMock.commandCalls(ExecuteStatementCommand)[0]!.args[0].input.SessionKeepAliveSeconds).toBe(86_400);
  });
});

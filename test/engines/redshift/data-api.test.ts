import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchExecuteStatementCommand, DescribeStatementCommand, ExecuteStatementCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { loadConfig } from '../../../src/config/load-config.js';
import { openRedshiftWarehouse } from '../../../src/engines/redshift/redshift-warehouse.js';
import { describe, expect, it } from 'vitest';
import { DataApiSession } from '../../../src/engines/redshift/data-api-client.js';
import { DataApiWarehouse } from '../../../src/engines/redshift/data-api-warehouse.js';
import { SparkifyError } from '../../../src/errors.js';
import { dataApiMock, fakeClient, fakeDataApi, fakePoll, fakeS3, stagerWith } from './fake-data-api.js';

const warehouse = (poll = fakePoll()) =>
  new DataApiWarehouse(fakeClient(poll), 'public', stagerWith(fakeS3()), { keepAliveSeconds: 600, lockKeepAliveSeconds: 120, heartbeatMs: 60_000 });

const awsError = (name: string, message = name) => Object.assign(new Error(message), { name, $metadata: {} });

describe('Data API: statements and sessions', () => {
  it('opens a session with the IAM connection parameters, then names only the session', async () => {
    const fake = fakeDataApi();
    const w = warehouse();
    await w.run('SELECT 1');
    await w.run('SELECT 2');
    const [first, second] = dataApiMock.commandCalls(ExecuteStatementCommand).map((c) => c.args[0].input);
    expect(first).toMatchObject({ Sql: 'SELECT 1', ClusterIdentifier: 'sparkify-cluster', DbUser: 'awsuser', Database: 'dev', SessionKeepAliveSeconds: 600 });
    expect(first!.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toMatchObject({ Sql: 'SELECT 2', SessionId: 'session-1' });
    expect(second).not.toHaveProperty('ClusterIdentifier');
    expect(fake.sent.map((s) => s.session)).toEqual(['session-1', 'session-1']);
  });

  it('polls DescribeStatement through SUBMITTED, PICKED, STARTED to FINISHED with growing, injected delays', async () => {
    fakeDataApi(() => ({ statuses: ['SUBMITTED', 'PICKED', 'STARTED', 'STARTED', 'FINISHED'], queryId: 42 }));
    const poll = fakePoll();
    const client = fakeClient(poll);
    const { id } = await client.submit('COPY x FROM y');
    const outcome = await client.wait(id, 'COPY x FROM y');
    expect(outcome.queryId).toBe(42);
    expect(dataApiMock.commandCalls(DescribeStatementCommand)).toHaveLength(5);
    expect(poll.slept).toEqual([10, 20, 40, 40]);
  });

  it('cancels a statement still running after the timeout and says so', async () => {
    const fake = fakeDataApi(() => ({ statuses: ['STARTED'] }));
    const client = fakeClient(fakePoll({ timeoutMs: 100 }));
    const { id } = await client.submit('SELECT slow()');
    await expect(client.wait(id, 'SELECT slow()')).rejects.toThrow(/still running after .* and was cancelled — in: SELECT slow\(\)/);
    expect(fake.cancelled()).toEqual([id]);
  });

  it('pages through GetStatementResult and converts fields to plain values', async () => {
    fakeDataApi(() => ({
      pages: [
        {
          columns: [
            { name: 'start_time', label: 'start_time', typeName: 'timestamp' },
            { name: 'n', label: 'n', typeName: 'int8' },
            { name: 'avg', label: 'avg', typeName: 'numeric' },
            { name: 'level', label: 'level', typeName: 'varchar' },
            { name: 'ok', label: 'ok', typeName: 'bool' },
          ],
          records: [[{ stringValue: '2018-11-01 21:01:46.796' }, { longValue: 3 }, { stringValue: '1.50' }, { stringValue: 'free' }, { booleanValue: true }]],
        },
        { records: [[{ stringValue: '2018-11-30 00:00:00' }, { longValue: 7 }, { isNull: true }, { isNull: true }, { booleanValue: false }]] },
      ],
    }));
    const rows = await warehouse().query('SELECT …');
    expect(rows).toEqual([
      { start_time: '2018-11-01T21:01:46.796Z', n: 3, avg: 1.5, level: 'free', ok: true },
      { start_time: '2018-11-30T00:00:00.000Z', n: 7, avg: null, level: null, ok: false },
    ]);
  });

  it('inlines $n parameters as Redshift literals: NULL stays NULL, quotes and backslashes are escaped', async () => {
    const fake = fakeDataApi();
    await warehouse().run('INSERT INTO t (a, b, c, d) VALUES ($1, $2, $3, $4)', ["it's C:\\new", null, -2.5, 7]);
    expect(fake.sent[0]!.sql).toBe(`INSERT INTO t (a, b, c, d) VALUES ('it''s C:\\\\new', NULL, (-2.5), 7)`);
  });

  it('turns CURRENT_TIMESTAMP, a leader-node-only function on Redshift, into GETDATE()', async () => {
    const fake = fakeDataApi();
    await warehouse().run(`UPDATE etl_runs SET finished_at = CURRENT_TIMESTAMP, note = 'CURRENT_TIMESTAMP' WHERE run_id = $1`, ['r']);
    expect(fake.sent[0]!.sql).toBe(`UPDATE etl_runs SET finished_at = GETDATE(), note = 'CURRENT_TIMESTAMP' WHERE run_id = 'r'`);
  });
});

describe('Data API: transactions', () => {
  it('runs BEGIN … COMMIT in one session across calls', async () => {
    const fake = fakeDataApi(() => ({ rows: [{ n: 1 }] }));
    const w = warehouse();
    await w.transaction(async () => {
      await w.run('DELETE FROM songs');
      await w.query('SELECT COUNT(*) AS n FROM songs');
    });
    expect(fake.sent.map((s) => [s.sql, s.session])).toEqual([
      ['BEGIN', 'session-1'],
      ['DELETE FROM songs', 'session-1'],
      ['SELECT COUNT(*) AS n FROM songs', 'session-1'],
      ['COMMIT', 'session-1'],
    ]);
  });

  it('rolls back when the work throws, and reports the failed statement in one line', async () => {
    const fake = fakeDataApi((sql) => (sql.startsWith('INSERT') ? { statuses: ['STARTED', 'FAILED'], error: 'ERROR: relation "public.songz" does not exist\nDETAIL: …' } : {}));
    const w = warehouse();
    const error = await w.transaction(() => w.run('INSERT INTO songz SELECT 1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SparkifyError);
    expect((error as SparkifyError).code).toBe('ENGINE');
    expect((error as Error).message).toBe('Redshift cluster sparkify-cluster, database dev: ERROR: relation "public.songz" does not exist — in: INSERT INTO songz SELECT 1');
    expect(fake.sent.map((s) => s.sql)).toEqual(['BEGIN', 'INSERT INTO songz SELECT 1', 'ROLLBACK']);
  });

  it('splits a multi-row insert over 100 KB: one BatchExecuteStatement outside a transaction, parts of it inside one', async () => {
    fakeDataApi();
    const w = warehouse();
    const rows = 300;
    const sql = `INSERT INTO load_errors (run_id, raw_line) VALUES ${Array.from({ length: rows }, (_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}`;
    const params = Array.from({ length: rows }, (_, i) => [`r${i}`, 'x'.repeat(1000)]).flat();
    await w.run(sql, params);
    const batches = dataApiMock.commandCalls(BatchExecuteStatementCommand).map((c) => c.args[0].input.Sqls!);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.length).toBeGreaterThan(2);
    expect(batches[0]!.every((s) => Buffer.byteLength(s) <= 100_000)).toBe(true);
    expect(batches[0]!.join(' ').match(/\('r\d+'/g)).toHaveLength(rows);

    dataApiMock.resetHistory();
    await w.transaction(() => w.run(sql, params));
    expect(dataApiMock.commandCalls(BatchExecuteStatementCommand)).toHaveLength(0);
    const sqls = dataApiMock.commandCalls(ExecuteStatementCommand).map((c) => c.args[0].input.Sql!);
    expect(sqls[0]).toBe('BEGIN');
    expect(sqls.at(-1)).toBe('COMMIT');
    expect(sqls.length).toBe(batches[0]!.length + 2);
  });
});

describe('Data API: errors', () => {
  it('access denied names the permissions the IAM identity needs', async () => {
    fakeDataApi();
    dataApiMock.on(ExecuteStatementCommand).rejects(awsError('AccessDeniedException', 'User: arn:aws:iam::1:user/x is not authorized'));
    const error = (await warehouse()
      .run('SELECT 1')
      .catch((e: unknown) => e)) as SparkifyError;
    expect(error.code).toBe('CONNECTION');
    expect(error.transient).toBe(false);
    expect(error.message).toMatch(/^Redshift cluster sparkify-cluster, database dev via the Data API: access denied .* redshift:GetClusterCredentials$/);
  });

  it('throttling and busy limits are transient; a missing cluster is not', async () => {
    fakeDataApi();
    dataApiMock
      .on(ExecuteStatementCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .rejectsOnce(awsError('ActiveStatementsExceededException'))
      .rejectsOnce(awsError('ResourceNotFoundException', 'Cluster sparkify-cluster not found.'));
    const w = warehouse();
    const errors = [];
    for (let i = 0; i < 3; i++) errors.push((await w.run('SELECT 1').catch((e: unknown) => e)) as SparkifyError);
    expect(errors.map((e) => [e.code, e.transient])).toEqual([
      ['CONNECTION', true],
      ['CONNECTION', true],
      ['CONNECTION', false],
    ]);
    expect(errors[2]!.message).toMatch(/Cluster sparkify-cluster not found\. — check \[DWH\] DWH_CLUSTER_IDENTIFIER/);
  });

  it('an ABORTED statement is an error that says it was aborted', async () => {
    fakeDataApi(() => ({ statuses: ['ABORTED'], error: 'cancelled by user' }));
    await expect(warehouse().run('VACUUM songs')).rejects.toThrow(/the statement was aborted \(cancelled by user\) — in: VACUUM songs/);
  });

  it('a session that expired is a transient connection error, so the run is retried', async () => {
    fakeDataApi();
    dataApiMock.on(ExecuteStatementCommand).rejects(awsError('ValidationException', 'Session abc is not available'));
    const error = (await warehouse()
      .run('SELECT 1')
      .catch((e: unknown) => e)) as SparkifyError;
    expect([error.code, error.transient]).toEqual(['CONNECTION', true]);
  });
});

describe('Data API: one run at a time', () => {
  it('holds LOCK run_lock in a second session and releases it with ROLLBACK', async () => {
    const fake = fakeDataApi((sql) => (sql.includes('pg_class') ? { rows: [{ found: 1 }] } : {}));
    const w = warehouse();
    const lock = await w.acquireRunLock('run-1', 1000);
    await w.run('SELECT 1');
    await lock.release();
    expect(fake.sent.map((s) => [s.sql.replace(/\s+/g, ' ').slice(0, 30), s.session])).toEqual([
      ['SELECT 1 AS found FROM pg_cata', 'session-1'],
      ['BEGIN', 'session-2'],
      ['LOCK "public"."run_lock"', 'session-2'],
      ['SELECT 1', 'session-1'],
      ['ROLLBACK', 'session-2'],
    ]);
    expect(fake.sent[1]!.input).toMatchObject({ SessionKeepAliveSeconds: 120, ClusterIdentifier: 'sparkify-cluster' });
  });

  it('a LOCK not granted in time is cancelled, and the error names the run that holds it', async () => {
    const fake = fakeDataApi((sql) => {
      if (sql.includes('pg_class')) return { rows: [] };
      if (sql.startsWith('LOCK')) return { statuses: ['STARTED'] };
      if (sql.includes('etl_runs')) return { rows: [{ run_id: '20181101T000000Z-abc123', started_at: '2018-11-01 00:00:00' }] };
      return {};
    });
    const error = (await warehouse()
      .acquireRunLock('run-2', 200)
      .catch((e: unknown) => e)) as SparkifyError;
    expect(error.code).toBe('LOCKED');
    expect(error.message).toMatch(
      /^schema "public" in Redshift cluster sparkify-cluster, database dev \(Data API\) is being loaded by run 20181101T000000Z-abc123 \(started .*\); waited 0.2s/,
    );
    expect(fake.sent.map((s) => s.sql.split(/\s/)[0])).toContain('CREATE');
    const lockStatement = fake.sent.find((s) => s.sql.startsWith('LOCK'))!;
    expect(fake.cancelled()).toEqual([lockStatement.id]);
  });
});

describe('Data API session queue', () => {
  it('runs one statement at a time even when callers do not wait', async () => {
    const fake = fakeDataApi(() => ({ statuses: ['STARTED', 'FINISHED'] }));
    const session = new DataApiSession(fakeClient(), 60);
    await Promise.all([session.execute('SELECT 1'), session.execute('SELECT 2'), session.execute('SELECT 3')]);
    // Each statement was described to the end before the next was submitted.
    const order = dataApiMock.calls().map((c) => c.args[0].constructor.name.replace('Command', ''));
    expect(order).toEqual([
      'ExecuteStatement',
      'DescribeStatement',
      'DescribeStatement',
      'ExecuteStatement',
      'DescribeStatement',
      'DescribeStatement',
      'ExecuteStatement',
      'DescribeStatement',
      'DescribeStatement',
    ]);
    expect(fake.sent.map((s) => s.session)).toEqual(['session-1', 'session-1', 'session-1']);
  });
});

describe('opening Redshift through the Data API', () => {
  const config = (cfg: string) => {
    const cwd = mkdtempSync(join(tmpdir(), 'sparkify-rs-open-'));
    writeFileSync(join(cwd, 'dwh.cfg'), cfg);
    return loadConfig({ cwd, env: {}, flags: { target: 'redshift' } });
  };

  it('with an empty HOST, opens a serverless workgroup session and checks it with one statement', async () => {
    const fake = fakeDataApi(() => ({ rows: [{ ok: 1 }] }));
    const w = await openRedshiftWarehouse(config("[CLUSTER]\nHOST=''\nDB_NAME=sparkify\nWORKGROUP=sparkify-wg\n[AWS]\nREGION=us-east-1\n"), {
      sender: new RedshiftDataClient({ region: 'us-east-1' }),
    });
    expect(w.target).toBe('redshift');
    expect(w.description).toBe('Redshift Serverless workgroup sparkify-wg, database sparkify (Data API)');
    expect(fake.sent[0]).toMatchObject({ sql: 'SELECT 1 AS ok', input: { WorkgroupName: 'sparkify-wg', Database: 'sparkify' } });
    expect(fake.sent[0]!.input).not.toHaveProperty('DbUser');
    await w.close();
  });

  it('fails at open, in one line, when the cluster is not there', async () => {
    fakeDataApi();
    dataApiMock.on(ExecuteStatementCommand).rejects(awsError('ResourceNotFoundException', "Redshift endpoint doesn't exist in this region."));
    await expect(openRedshiftWarehouse(config('[CLUSTER]\nHOST=\n'), { sender: new RedshiftDataClient({ region: 'us-west-2' }) })).rejects.toThrow(
      /^Redshift cluster sparkify-cluster, database dev via the Data API: Redshift endpoint doesn't exist in this region\. — check \[DWH\] DWH_CLUSTER_IDENTIFIER/,
    );
  });
});

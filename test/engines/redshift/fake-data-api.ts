// A stand-in for the Redshift Data API on aws-sdk-client-mock: each submitted statement gets
// an id, DescribeStatement walks it through the statuses the test gives, GetStatementResult
// pages its rows, and every statement is logged with the session it ran in.
import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
  type ColumnMetadata,
  type Field,
} from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import { DataApiClient, type PollOptions } from '../../../src/engines/redshift/data-api-client.js';
import type { DataApiWhere } from '../../../src/engines/redshift/data-api-errors.js';
import { RedshiftStager } from '../../../src/engines/redshift/redshift-stage.js';
import type { S3Staging } from '../../../src/engines/redshift/s3-staging.js';

export const dataApiMock = mockClient(RedshiftDataClient);

/** How the fake answers one statement. */
export interface FakeAnswer {
  /** Statuses DescribeStatement reports in turn; the last repeats (default FINISHED). */
  statuses?: string[];
  error?: string;
  /** Result rows (typed by their JS values); or raw pages for pagination tests. */
  rows?: Record<string, string | number | boolean | null>[];
  pages?: { columns?: ColumnMetadata[]; records: Field[][] }[];
  queryId?: number;
  resultRows?: number;
}

export interface SentStatement {
  id: string;
  sql: string;
  /** The session it ran in (the one the Data API returned for a first call). */
  session: string;
  input: Record<string, unknown>;
}

const field = (value: string | number | boolean | null): Field =>
  value === null
    ? { isNull: true }
    : typeof value === 'boolean'
      ? { booleanValue: value }
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? { longValue: value }
          : { doubleValue: value }
        : { stringValue: value };

const typeOf = (value: unknown) => (typeof value === 'number' ? (Number.isInteger(value) ? 'int8' : 'float8') : typeof value === 'boolean' ? 'bool' : 'varchar');

/** Programs the mock; `answer` decides per SQL text. */
export function fakeDataApi(answer: (sql: string) => FakeAnswer = () => ({})) {
  dataApiMock.reset();
  const sent: SentStatement[] = [];
  const state = new Map<string, { answer: FakeAnswer; describes: number }>();
  let sessions = 0;
  const submit = (sql: string, input: Record<string, unknown>) => {
    const id = `st-${sent.length + 1}`;
    const session = (input.SessionId as string | undefined) ?? `session-${++sessions}`;
    sent.push({ id, sql, session, input });
    state.set(id, { answer: answer(sql), describes: 0 });
    return { Id: id, SessionId: session };
  };
  dataApiMock.on(ExecuteStatementCommand).callsFake((input) => submit(input.Sql, input));
  dataApiMock.on(BatchExecuteStatementCommand).callsFake((input) => submit((input.Sqls as string[]).join(';\n'), input));
  dataApiMock.on(DescribeStatementCommand).callsFake(({ Id }: { Id: string }) => {
    const s = state.get(Id)!;
    const statuses = s.answer.statuses ?? ['FINISHED'];
    const status = statuses[Math.min(s.describes++, statuses.length - 1)];
    const hasResultSet = Boolean(s.answer.rows || s.answer.pages);
    return {
      Id,
      Status: status,
      Error: status === 'FAILED' || status === 'ABORTED' ? s.answer.error : undefined,
      HasResultSet: hasResultSet,
      RedshiftQueryId: s.answer.queryId,
      ResultRows: s.answer.resultRows ?? -1,
    };
  });
  dataApiMock.on(GetStatementResultCommand).callsFake(({ Id, NextToken }: { Id: string; NextToken?: string }) => {
    const { answer: a } = state.get(Id)!;
    const pages = a.pages ?? [
      {
        columns: Object.entries(a.rows?.[0] ?? {}).map(([name, v]) => ({ name, label: name, typeName: typeOf(v) })),
        records: (a.rows ?? []).map((r) => Object.values(r).map(field)),
      },
    ];
    const index = NextToken ? Number(NextToken.replace('page-', '')) : 0;
    const page = pages[index]!;
    return { ColumnMetadata: page.columns, Records: page.records, NextToken: index + 1 < pages.length ? `page-${index + 1}` : undefined };
  });
  dataApiMock.on(CancelStatementCommand).resolves({ Status: true });
  return { sent, cancelled: () => dataApiMock.commandCalls(CancelStatementCommand).map((c) => c.args[0].input.Id) };
}

export const where: DataApiWhere = { target: 'Redshift cluster sparkify-cluster, database dev', region: 'us-west-2', auth: 'iam-user' };

/** A fake clock the poller's sleeps advance, so waits take no real time. */
export function fakePoll(overrides: Partial<PollOptions> = {}): PollOptions & { slept: number[] } {
  let clock = 0;
  const slept: number[] = [];
  return {
    firstDelayMs: 10,
    maxDelayMs: 40,
    timeoutMs: 60_000,
    now: () => clock,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    ...overrides,
    slept,
  };
}

export function fakeClient(poll: PollOptions = fakePoll()): DataApiClient {
  return new DataApiClient(new RedshiftDataClient({ region: 'us-west-2' }), { database: 'dev', clusterIdentifier: 'sparkify-cluster', dbUser: 'awsuser' }, where, poll);
}

/** s3://udacity-dend/log_json_path.json as it is: the log keys, in staging_events' column order. */
export const udacityJsonPaths = `{
    "jsonpaths": [
        "$['artist']", "$['auth']", "$['firstName']", "$['gender']", "$['itemInSession']", "$['lastName']",
        "$['length']", "$['level']", "$['location']", "$['method']", "$['page']", "$['registration']",
        "$['sessionId']", "$['song']", "$['status']", "$['ts']", "$['userAgent']", "$['userId']"
    ]
}`;

/** S3 as staging sees it, in memory: listed keys per prefix URL, objects to read, and the files written. */
export function fakeS3(
  keys: Record<string, string[]> = {},
  objects: Record<string, string> = {},
): S3Staging & { written: Map<string, string>; removed: string[]; read: (url: string) => Promise<string> } {
  const written = new Map<string, string>();
  const removed: string[] = [];
  const stored: Record<string, string> = { 's3://udacity-dend/log_json_path.json': udacityJsonPaths, ...objects };
  return {
    written,
    removed,
    listKeys: async (url) => keys[url] ?? [],
    read: async (url) => {
      const text = written.get(url) ?? stored[url];
      if (text === undefined) throw new Error(`NoSuchKey: ${url}`);
      return text;
    },
    put: async (url, body) => void written.set(url, body),
    remove: async (url) => void removed.push(url),
    close: () => undefined,
  };
}

export const stagerWith = (s3: S3Staging, overrides: Partial<ConstructorParameters<typeof RedshiftStager>[0]> = {}) =>
  new RedshiftStager(
    {
      iamRoleArn: 'arn:aws:iam::123456789012:role/sparkify-s3-read',
      region: 'us-west-2',
      logJsonPath: 's3://udacity-dend/log_json_path.json',
      maxErrors: undefined,
      stagingPrefix: undefined,
      locations: { events: 's3://udacity-dend/log_data', songs: 's3://udacity-dend/song_data' },
      errorView: 'stl',
      ...overrides,
    },
    () => s3,
  );

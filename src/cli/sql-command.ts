import { paramHelp, parseQueryParams, type RawParams } from '../analytics/params.js';
import { analyticQueries } from '../analytics/queries.js';
import type { Config } from '../config/config.js';
import { copySql } from '../sql/dialects/redshift-copy.js';
import { redshiftSourceLocations } from '../engines/redshift/redshift-settings.js';
import { forRedshift, inlineParams, toRedshiftSql } from '../engines/redshift/sql-text.js';
import type { SqlParam } from '../engines/warehouse.js';
import { runsQuery } from '../pipeline/list-runs.js';
import { schemaSql } from '../sql/render-ddl.js';
import { stagingTableOf, type RecordKind } from '../schema/record-fields.js';
import { allTables } from '../schema/tables.js';
import { checkQueries } from '../sql/checks.js';
import { dialectFor } from '../sql/dialects/dialect-for.js';
import { qualified } from '../sql/quote.js';
import { transformSteps } from '../sql/transform.js';
import { cliConfig } from './cli-config.js';
import { defineCommand } from './command.js';
import { loadOptions, warehouseOptions } from './common-options.js';

const statement = (sql: string) => `${sql.trim()};\n`;

/** The COPY statements of a full load from the configured S3 locations; placeholders say what is not configured. */
function redshiftStage(config: Config): string[] {
  const { logData, songData } = redshiftSourceLocations(config);
  const prefix = config.redshift.stagingPrefix?.replace(/\/+$/, '');
  const out: string[] = [];
  const missing: string[] = [];
  const or = (value: string | undefined, placeholder: string) => {
    if (value !== undefined) return value;
    missing.push(placeholder);
    return `<${placeholder}>`;
  };
  for (const kind of ['songs', 'events'] as RecordKind[]) {
    const jsonPaths = kind === 'events' ? (config.logJsonPath ?? (prefix ? `${prefix}/<run id>/staging_events.jsonpaths` : or(undefined, '[S3] LOG_JSONPATH'))) : undefined;
    const options = { schema: config.schema, kind, iamRoleArn: or(config.iamRoleArn, '[IAM_ROLE] ARN'), region: config.region, jsonPaths, maxErrors: config.maxErrors };
    const from = or(kind === 'events' ? logData : songData, kind === 'events' ? '[S3] LOG_DATA' : '[S3] SONG_DATA');
    out.push(statement(copySql(options, { from, manifest: false, gzip: false })));
  }
  const notes = [
    '-- A first load COPYs each prefix; later runs COPY only new or changed files, through a MANIFEST',
    `-- written under ${prefix ?? '[S3] MANIFEST_PREFIX'} (or one COPY per file). After each COPY, what it skipped is read`,
    '-- back from stl_load_errors (sys_load_error_detail on serverless) into load_errors.',
  ];
  if (missing.length) notes.push(`-- Not configured yet: ${[...new Set(missing)].join(', ')} (dwh.cfg or \`sparkify infra up\`).`);
  return [...notes.map((n) => `${n}\n`), ...out];
}

/**
 * Every named analysis and `runs`, parameters inlined as the literals they become (on Redshift,
 * exactly as its engines send them), so each can be pasted into a query editor.
 */
function analysesSql(config: Config, raw: RawParams): string[] {
  const pasteable = (sql: string, params: SqlParam[]) => {
    const sent = config.target === 'redshift' ? forRedshift(sql, params) : { sql, params };
    return statement(inlineParams(sent.sql, sent.params));
  };
  const out = ['\n-- 5. analyses (`sparkify analyze NAME`), parameters shown as the literals they become\n'];
  for (const query of analyticQueries) {
    const params = parseQueryParams(query, Object.fromEntries(query.params.map((p) => [p, raw[p]])));
    const { sql, params: values } = query.build(config.schema, params);
    const applied = query.params.flatMap((p) => (params[p] === undefined ? [] : [`${p} ${String(params[p])}`]));
    const open = query.params.filter((p) => params[p] === undefined);
    const note = [applied.length ? applied.join(', ') : 'no parameters', ...(open.length ? [`also takes --${open.join(', --')}`] : [])].join('; ');
    out.push(`-- ${query.name}: ${query.title} (${note})\n`, pasteable(sql, values));
  }
  const runs = runsQuery(config.schema, 20);
  out.push('-- runs: the latest 20 runs (`sparkify runs`)\n', pasteable(runs.sql, runs.params));
  return out;
}

/** The whole SQL of one run for a target: tables, staging, transform, checks, and the analyses. */
export function runScript(config: Config, options: { drop: boolean; analysis?: RawParams }): string {
  const dialect = dialectFor(config.target);
  const adapt = config.target === 'redshift' ? toRedshiftSql : (sql: string) => sql;
  const t = (name: string) => qualified(config.schema, name);
  const parts = [`-- sparkify sql --target ${config.target}: the SQL of one run in schema "${config.schema}"; nothing is executed.\n`];
  parts.push('\n-- 1. tables\n', ...schemaSql(dialect, config.schema, allTables, options).map(statement));
  parts.push('\n-- 2. stage\n', ...(['songs', 'events'] as RecordKind[]).map((kind) => statement(`DELETE FROM ${t(stagingTableOf(kind))}`)));
  if (config.target === 'redshift') parts.push(...redshiftStage(config));
  else
    parts.push(
      `-- ${config.target === 'duckdb' ? 'DuckDB reads the JSON files itself (read_json)' : 'PostgreSQL receives decoded records through COPY … FROM STDIN'}; bad records go to load_errors.\n`,
    );
  parts.push('\n-- 3. transform: one transaction, so readers see the old star schema or the new one\n', statement('BEGIN'));
  for (const step of transformSteps(config.schema)) parts.push(`-- ${step.name}\n`, statement(adapt(step.sql)));
  parts.push(statement('COMMIT'));
  parts.push('\n-- 4. checks: each counts the rows that break it; 0 = ok\n');
  for (const query of checkQueries(config.schema)) parts.push(`-- ${query.names.join('; ')}\n`, statement(adapt(query.sql)));
  parts.push(...analysesSql(config, options.analysis ?? {}));
  return parts.join('');
}

export default defineCommand({
  name: 'sql',
  description:
    'Print the SQL of a run for a target — DDL, staging (Redshift COPY from the configured S3 locations), transform, checks — and of every analysis, without connecting.',
  options: {
    ...warehouseOptions,
    source: loadOptions.source!,
    'log-data': loadOptions['log-data']!,
    'song-data': loadOptions['song-data']!,
    region: loadOptions.region!,
    'max-errors': loadOptions['max-errors']!,
    'staging-prefix': loadOptions['staging-prefix']!,
    drop: { type: 'boolean', description: 'include the DROP TABLE statements of create-tables' },
    from: { type: 'string', description: `analyses: ${paramHelp.from}`, placeholder: 'YYYY-MM-DD' },
    to: { type: 'string', description: `analyses: ${paramHelp.to}`, placeholder: 'YYYY-MM-DD' },
    limit: { type: 'string', description: `analyses: ${paramHelp.limit}`, placeholder: 'N' },
    level: { type: 'string', description: `analyses: ${paramHelp.level}`, placeholder: 'free|paid' },
  },
  async run(args, io) {
    const text = (name: string) => (typeof args.options[name] === 'string' ? (args.options[name] as string) : undefined);
    const analysis: RawParams = { from: text('from'), to: text('to'), limit: text('limit'), level: text('level') };
    io.stdout.write(runScript(cliConfig(args, io), { drop: args.options.drop === true, analysis }));
    return 0;
  },
});

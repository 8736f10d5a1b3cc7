import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SparkifyError } from '../errors.js';
import { registerSecret } from '../redact.js';
import { targets, type Config, defaultDuckdbFile } from './config.js';
import { configFields, defaultConfig, type ConfigField } from './fields.js';
import { parseIni } from './ini.js';

export interface LoadConfigInput {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Parsed CLI flags by flag name (e.g. `max-errors`). */
  flags?: Record<string, string | boolean | undefined>;
  /** Path of dwh.cfg; default `SPARKIFY_CONFIG` or ./dwh.cfg when present. */
  configFile?: string;
}

function parseValue(field: ConfigField, raw: string, where: string): unknown {
  if (field.parse === 'int') {
    if (!/^-?\d+$/.test(raw.trim())) throw new SparkifyError('CONFIG', `${where} must be a whole number, got "${raw}"`);
    return Number(raw.trim());
  }
  if (field.parse === 'target') {
    const value = raw.trim().toLowerCase();
    if (!(targets as readonly string[]).includes(value)) {
      throw new SparkifyError('CONFIG', `${where} must be one of ${targets.join(', ')}, got "${raw}"`);
    }
    return value;
  }
  if (field.parse === 'bool') {
    if (/^(1|true|yes|on)$/i.test(raw.trim())) return true;
    if (/^(0|false|no|off)$/i.test(raw.trim())) return false;
    throw new SparkifyError('CONFIG', `${where} must be on or off (1, true, yes, on / 0, false, no, off), got "${raw}"`);
  }
  if (field.parse === 'via') {
    const value = raw.trim().toLowerCase();
    if (value === 'pg' || value === 'pg-wire') return 'pg';
    if (value === 'data-api') return 'data-api';
    throw new SparkifyError('CONFIG', `${where} must be pg or data-api, got "${raw}"`);
  }
  return raw;
}

function assign(config: Config, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = config as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

/** Builds the Config: defaults, then dwh.cfg, then SPARKIFY_* variables, then flags. */
export function loadConfig(input: LoadConfigInput): Config {
  const config = defaultConfig();
  const explicit = input.configFile ?? (typeof input.flags?.config === 'string' ? input.flags.config : undefined) ?? input.env.SPARKIFY_CONFIG;
  const file = explicit ? resolve(input.cwd, explicit) : resolve(input.cwd, 'dwh.cfg');
  if (explicit && !existsSync(file)) throw new SparkifyError('CONFIG', `config file ${file} does not exist`);
  if (existsSync(file)) {
    config.configFile = file;
    const ini = parseIni(readFileSync(file, 'utf8'));
    for (const field of configFields) {
      if (!field.ini) continue;
      const entry = ini.get(field.ini[0])?.get(field.ini[1]);
      if (!entry || entry.value === '') continue;
      assign(config, field.path, parseValue(field, entry.value, `[${field.ini[0]}] ${field.ini[1]} in ${file} (line ${entry.line})`));
    }
    const region = ini.get('AWS')?.get('REGION') ?? ini.get('DWH')?.get('DWH_REGION');
    if (region?.value) config.region = region.value;
  }
  for (const field of configFields) {
    const raw = field.env ? input.env[field.env] : undefined;
    if (raw !== undefined && raw !== '') assign(config, field.path, parseValue(field, raw, `environment variable ${field.env}`));
  }
  for (const field of configFields) {
    const raw = field.flag ? input.flags?.[field.flag] : undefined;
    if (typeof raw === 'string') assign(config, field.path, parseValue(field, raw, `--${field.flag}`));
    // A boolean flag (--keep-compacted) given on the command line turns its setting on.
    else if (raw === true) assign(config, field.path, true);
  }
  return finish(config, input);
}

function finish(config: Config, input: LoadConfigInput): Config {
  if (config.maxErrors !== undefined && config.maxErrors < 0) {
    throw new SparkifyError('CONFIG', `max errors must be 0 or more, got ${config.maxErrors}`);
  }
  config.cacheDir = resolve(input.cwd, config.cacheDir || join('.sparkify', 'cache'));
  if (config.target === 'duckdb') {
    config.database = config.database || defaultDuckdbFile;
    if (config.database !== ':memory:' && !config.database.includes('://')) config.database = resolve(input.cwd, config.database);
    config.schema = config.schema || 'main';
  } else {
    if (config.target === 'postgres' && !config.database) config.database = input.env.SPARKIFY_DATABASE_URL || postgresSectionUrl(config.postgres);
    config.schema = config.schema || 'public';
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(config.schema)) {
    throw new SparkifyError('CONFIG', `schema name "${config.schema}" is not a plain identifier (letters, digits, _; at most 63)`);
  }
  for (const field of configFields) if (field.secret) registerSecretsIn(config, field.path);
  return config;
}

function registerSecretsIn(config: Config, path: string): void {
  let node: unknown = config;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  if (typeof node !== 'string') return;
  const password = /:\/\/[^:/@]+:([^@]+)@/.exec(node)?.[1];
  if (path !== 'database' && !node.includes('://')) return registerSecret(node);
  registerSecret(password);
  // The driver sees the decoded password: hide that spelling too.
  if (password) registerSecret(safeDecode(password));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The [POSTGRES] section as a URL: its URL key, or one built from HOST, PORT, DB_NAME, DB_USER, DB_PASSWORD. */
function postgresSectionUrl(section: Config['postgres']): string {
  if (section.url) return section.url;
  if (!section.host) return '';
  const e = encodeURIComponent;
  const password = section.dbPassword ? `:${e(section.dbPassword)}` : '';
  const user = section.dbUser ? `${e(section.dbUser)}${password}@` : '';
  const host = section.host.includes(':') ? `[${section.host}]` : section.host;
  return `postgres://${user}${host}:${section.port}/${e(section.dbName ?? '')}`;
}

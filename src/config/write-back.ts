import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseIni, updateIni } from './ini.js';

/** Keys to set, by section: `{ CLUSTER: { HOST: '…' } }`. */
export type IniValues = Record<string, Record<string, string>>;

/** Applies the values to INI text; comments, order and every other key stay as they were. */
export function applyIniValues(text: string, values: IniValues): string {
  return Object.entries(values).reduce((out, [section, keys]) => (Object.keys(keys).length ? updateIni(out, section, keys) : out), text);
}

/** What `up` writes: the endpoint and role, plus DB_NAME/DB_USER/DB_PORT where dwh.cfg leaves them blank. */
export function upValues(text: string, found: { host: string; port: number; roleArn: string; db: string; dbUser: string }): IniValues {
  const cluster = parseIni(text).get('CLUSTER');
  const blank = (key: string) => !cluster?.get(key)?.value.trim();
  const extra: Record<string, string> = {};
  if (blank('DB_NAME')) extra.DB_NAME = found.db;
  if (blank('DB_USER')) extra.DB_USER = found.dbUser;
  if (blank('DB_PORT')) extra.DB_PORT = String(found.port);
  return { CLUSTER: { HOST: found.host, ...extra }, IAM_ROLE: { ARN: found.roleArn } };
}

/** What `down` clears: HOST and ARN, but only where they still name what was deleted. */
export function downValues(text: string, deleted: { hosts: string[]; roleArn: string | undefined }): IniValues {
  const ini = parseIni(text);
  const host = ini.get('CLUSTER')?.get('HOST')?.value.trim();
  const arn = ini.get('IAM_ROLE')?.get('ARN')?.value.trim();
  return {
    CLUSTER: host && deleted.hosts.includes(host) ? { HOST: '' } : {},
    IAM_ROLE: arn && arn === deleted.roleArn ? { ARN: '' } : {},
  };
}

const readText = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
const listed = (values: IniValues) => Object.entries(values).flatMap(([section, keys]) => Object.entries(keys).map(([key, value]) => `[${section}] ${key}=${value}`));

/** Reads dwh.cfg (or nothing when absent), applies the values, writes it; returns the keys set. */
export function writeBack(file: string, values: (text: string) => IniValues): string[] {
  const before = readText(file);
  const wanted = values(before);
  const after = applyIniValues(before, wanted);
  if (after !== before) writeFileSync(file, after.endsWith('\n') ? after : `${after}\n`);
  return listed(wanted);
}

/** The keys writeBack would set, without writing anything (a dry run). */
export function previewWriteBack(file: string, values: (text: string) => IniValues): string[] {
  return listed(values(readText(file)));
}

import type { Config } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import type { CliIO, ParsedArgs } from './command.js';

/** The Config for a command: dwh.cfg, then SPARKIFY_*, then this command's flags. */
export function cliConfig(args: ParsedArgs, io: CliIO): Config {
  const config = loadConfig({ cwd: io.cwd, env: io.env, flags: args.options });
  for (const warning of config.warnings) io.stderr.write(`warning: ${warning}\n`);
  return config;
}

import type { Config } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import type { CliIO, ParsedArgs } from './command.js';

/** The Config for a command: dwh.cfg, then SPARKIFY_*, then this command's flags. */
export function cliConfig(args: ParsedArgs, io: CliIO): Config {
  return loadConfig({ cwd: io.cwd, env: io.env, flags: args.options });
}

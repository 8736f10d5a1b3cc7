import { parseArgs } from 'node:util';
import { SparkifyError } from '../errors.js';
import type { Command, ParsedArgs } from './command.js';

/** Parses argv for one command; unknown flags are a usage error that names them. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { options: parsed.values as ParsedArgs['options'], positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SparkifyError('USAGE', `${message} — see \`sparkify ${command.name} --help\``);
  }
}

import { parseArgs } from 'node:util';
import { SparkifyError } from '../errors.js';
import { didYouMean } from '../nearest-name.js';
import type { Command, ParsedArgs } from './command.js';

type ParseOptions = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parses argv for one command; an unknown flag, a missing value or a stray argument is a usage error that says what to do. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  const options: ParseOptions = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  const args = joinNegativeValues(argv, options);
  const seeHelp = `see \`sparkify ${command.name} --help\``;
  for (const token of args) {
    if (token === '--') break;
    if (token.startsWith('--')) checkLongFlag(token, options, seeHelp);
    else if (/^-[^-\d]/.test(token)) checkShortFlags(token, options, seeHelp);
  }
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    const result = { options: parsed.values as ParsedArgs['options'], positionals: parsed.positionals };
    return placePositionals(command, result, seeHelp);
  } catch (error) {
    if (error instanceof SparkifyError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const missing = /Option '(-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
    if (missing) throw new SparkifyError('USAGE', `${missing[2]} needs a value — ${seeHelp}`);
    throw new SparkifyError('USAGE', `${message.split('\n')[0]} — ${seeHelp}`);
  }
}

/** `--max-errors -1` would read as a flag named `-1`: keep a number after a string flag as its value. */
function joinNegativeValues(argv: string[], options: ParseOptions): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const next = argv[i + 1];
    const name = token.startsWith('--') ? token.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${token}=${next}`);
      i += 1;
    } else out.push(token);
  }
  return out;
}

function checkLongFlag(token: string, options: ParseOptions, seeHelp: string): void {
  const name = token.slice(2).split('=')[0]!;
  if (name in options) {
    if (options[name]!.type === 'boolean' && token.includes('=')) throw new SparkifyError('USAGE', `--${name} is a switch and takes no value (got "${token}") — ${seeHelp}`);
    return;
  }
  const hint = didYouMean(name, Object.keys(options), (n) => `--${n}`);
  throw new SparkifyError('USAGE', `unknown flag --${name}${hint || ` — ${seeHelp}`}`);
}

function checkShortFlags(token: string, options: ParseOptions, seeHelp: string): void {
  const shorts = Object.entries(options).filter(([, spec]) => spec.short);
  const letter = token[1]!;
  if (shorts.some(([, spec]) => spec.short === letter)) return;
  const named = letter.length === 1 && token.length > 2 && token.slice(1) in options ? ` — did you mean --${token.slice(1)}?` : '';
  throw new SparkifyError('USAGE', `unknown flag -${letter}${named || ` — ${seeHelp}`}`);
}

/** Commands that take no arguments refuse them; a command that loads data takes one folder as its --source. */
function placePositionals(command: Command, args: ParsedArgs, seeHelp: string): ParsedArgs {
  if (command.positionals === 'own' || args.positionals.length === 0) return args;
  const [first, ...rest] = args.positionals;
  if (command.positionals === 'source' && rest.length === 0) {
    if (args.options.source !== undefined) {
      throw new SparkifyError('USAGE', `two sources given: "${first}" and --source ${String(args.options.source)} — give one`);
    }
    return { options: { ...args.options, source: first }, positionals: [] };
  }
  const pointer = command.positionals === 'source' ? ' — give the source folder once, as DIR or --source DIR' : ` — ${command.name} takes flags only; ${seeHelp}`;
  throw new SparkifyError('USAGE', `unexpected argument "${command.positionals === 'source' ? rest[0] : first}"${pointer}`);
}

import { isSparkifyError, runIdOf } from '../errors.js';
import { redactSecrets } from '../redact.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './command.js';
import { didYouMean } from '../nearest-name.js';
import { commandHelp, mainHelp } from './help.js';
import { commands } from './registry.js';
import { clearLine } from './status-line.js';
import { packageVersion } from './version.js';

const processIO = (): CliIO => ({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });

/** Runs the CLI in-process and returns the exit code; the binary and the tests both call this. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  // `sparkify help run` is `sparkify run --help`.
  const [name, ...rest] = argv[0] === 'help' && argv[1] !== undefined && argv[1] in commands ? [argv[1], '--help'] : argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`sparkify ${packageVersion()}\n`);
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    const known = Object.keys(commands);
    const what = name.startsWith('-') ? `"${name}" is not a command; the flags go after one` : `unknown command "${name}"`;
    const hint = didYouMean(name.replace(/^-+/, ''), known, (n) => `\`sparkify ${n}\``);
    io.stderr.write(`sparkify: ${what}${hint || '.'} Known: ${known.join(', ')}\n`);
    return 2;
  }
  let json = false;
  try {
    const command = await entry.load();
    const args = parseCommandArgs(command, rest);
    json = args.options.json === true;
    if (args.options.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    // The progress line, if one is drawn, must not have the error glued onto it.
    if (io.stderr.isTTY) io.stderr.write(clearLine);
    // Scripts that asked for JSON can read the failure from stdout too.
    if (json) io.stdout.write(`${JSON.stringify({ error: jsonError(error) }, null, 2)}\n`);
    if (isSparkifyError(error)) {
      io.stderr.write(`sparkify ${name}: ${redactSecrets(error.message)}\n`);
      return error.code === 'USAGE' ? 2 : 1;
    }
    // Not a user error: a bug. Show the stack so it can be reported.
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`sparkify ${name}: unexpected error\n${redactSecrets(text)}\n`);
    return 1;
  }
}

function jsonError(error: unknown): { code: string; message: string; runId: string | null } {
  const message = redactSecrets(error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  return { code: isSparkifyError(error) ? error.code : 'INTERNAL', message, runId: runIdOf(error) ?? null };
}

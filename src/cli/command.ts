import type { Writable } from 'node:stream';

/** One flag of a command, declared as data so help and parsing come from one place. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  short?: string;
  /** Shown in help; the config layer applies real defaults. */
  placeholder?: string;
}

/** Where a command writes; tests pass buffers, the binary passes process streams. */
export interface CliIO {
  stdout: Writable & { isTTY?: boolean };
  /** `columns`: the terminal's width, when it is one (the progress line is cut to it). */
  stderr: Writable & { isTTY?: boolean; columns?: number };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ParsedArgs {
  options: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A command: metadata for help, and `run` returning the process exit code. */
export interface Command {
  name: string;
  description: string;
  usage?: string;
  options: Record<string, OptionSpec>;
  /** What bare arguments mean: none allowed (default), one source folder (`run DIR`), or the command reads them itself. */
  positionals?: 'source' | 'own';
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

export function defineCommand(command: Command): Command {
  return command;
}

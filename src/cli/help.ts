import type { Command } from './command.js';
import { commands } from './registry.js';

export function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'sparkify — build and feed the Sparkify song-play warehouse',
    '',
    'Usage: sparkify <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `sparkify <command> --help` for the options of one command; `sparkify --version` for the version.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const flags = Object.entries(command.options).map(([name, spec]) => {
    const left = `--${name}${spec.type === 'string' ? ` ${spec.placeholder ?? 'VALUE'}` : ''}`;
    return { left: spec.short ? `-${spec.short}, ${left}` : `    ${left}`, text: spec.description };
  });
  flags.push({ left: '-h, --help', text: 'show this help' });
  const width = Math.max(...flags.map((f) => f.left.length));
  return [
    `Usage: sparkify ${command.name}${command.usage ? ` ${command.usage}` : ' [options]'}`,
    '',
    command.description,
    '',
    'Options:',
    ...flags.map((f) => `  ${f.left.padEnd(width)}  ${f.text}`),
    '',
  ].join('\n');
}

import { parseDateWindow, type DateWindow } from '../sources/date-window.js';
import type { OptionSpec, ParsedArgs } from './command.js';

/** Flags of a backfill: load only the events of some days. */
export const windowOptions: Record<string, OptionSpec> = {
  from: { type: 'string', description: 'backfill: first day to load, YYYY-MM-DD (event files by the day in their name, records by ts)', placeholder: 'DAY' },
  to: { type: 'string', description: 'backfill: last day to load, YYYY-MM-DD, included (default: --from)', placeholder: 'DAY' },
};

/** The window of `--from`/`--to`, validated (a USAGE error says what is wrong), or undefined. */
export function windowFromArgs(args: ParsedArgs): DateWindow | undefined {
  const text = (name: string) => (typeof args.options[name] === 'string' ? (args.options[name] as string) : undefined);
  return parseDateWindow(text('from'), text('to'));
}

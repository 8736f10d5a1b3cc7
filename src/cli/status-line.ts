import type { CliIO } from './command.js';

type Terminal = CliIO['stderr'];

/** Back to the start of the line and erase it. */
export const clearLine = '\r\x1b[2K';

/**
 * One line redrawn in place. Cut to the terminal's width: a line that wraps cannot be erased
 * by `\r`, and its first half would stay above the summary.
 */
export function statusLine(terminal: Terminal): { draw(text: string): void; clear(): void } {
  let shown = false;
  return {
    draw(text: string) {
      // One column spare: writing the last column makes some terminals wrap at once.
      const width = Math.max(10, (terminal.columns ?? 80) - 1);
      const chars = [...text];
      const fitted = chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text;
      terminal.write(`${clearLine}${fitted}`);
      shown = true;
    },
    clear() {
      if (shown) terminal.write(clearLine);
      shown = false;
    },
  };
}

const DAY_MS = 86_400_000;

/** The window the events fall in: [startMs, endMs), on a whole-second grid shifted by `msOffset` like eventsim's logs. */
export interface TimeFrame {
  startMs: number;
  endMs: number;
  days: number;
  /** Every ts ends in these milliseconds (the real logs all end in 796). */
  msOffset: number;
  /** Sessions stop starting this long before the end so most finish in time. */
  marginMs: number;
}

export function timeFrame(startDate: string, days: number, msOffset: number): TimeFrame {
  const startMs = Date.parse(`${startDate}T00:00:00.000Z`);
  const endMs = startMs + days * DAY_MS;
  return { startMs, endMs, days, msOffset, marginMs: Math.min(2 * 3_600_000, (endMs - startMs) / 10) };
}

/** Index of the UTC day a timestamp falls on, counted from the frame's start. */
export function dayIndex(frame: TimeFrame, ts: number): number {
  return Math.floor((ts - frame.startMs) / DAY_MS);
}

export function dayStartMs(frame: TimeFrame, day: number): number {
  return frame.startMs + day * DAY_MS;
}

/** `YYYY/MM/YYYY-MM-DD-events.json` for the day starting at `dayStart`. */
export function eventFilePath(dayStart: number): string {
  const date = new Date(dayStart).toISOString().slice(0, 10);
  return `${date.slice(0, 4)}/${date.slice(5, 7)}/${date}-events.json`;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00.000Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

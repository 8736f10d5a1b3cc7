import { describe, expect, it } from 'vitest';
import { dayOfPath, filesInWindow, monthPrefixes, parseDateWindow } from '../../src/sources/date-window.js';

describe('backfill windows: days and months', () => {
  it('reads --from/--to, one alone being a one-day window, and says what is wrong with a bad day', () => {
    expect(parseDateWindow('2018-11-05', '2018-11-10')).toEqual({ from: '2018-11-05', to: '2018-11-10' });
    expect(parseDateWindow('2018-11-05', undefined)).toEqual({ from: '2018-11-05', to: '2018-11-05' });
    expect(parseDateWindow(undefined, undefined)).toBeUndefined();
    expect(() => parseDateWindow('2018-11-31', undefined)).toThrow('--from must be a day written YYYY-MM-DD (e.g. 2018-11-05), got "2018-11-31"');
    expect(() => parseDateWindow('2018-11-05', '5 Nov')).toThrow('--to must be a day');
    expect(() => parseDateWindow('2018-11-10', '2018-11-05')).toThrow('--from 2018-11-10 is after --to 2018-11-05');
  });

  it('lists the month folders a window touches, across a year end', () => {
    expect(monthPrefixes({ from: '2018-11-05', to: '2018-11-10' })).toEqual(['2018/11']);
    expect(monthPrefixes({ from: '2018-11-30', to: '2019-02-01' })).toEqual(['2018/11', '2018/12', '2019/01', '2019/02']);
  });

  it('picks event files by the day in their name and keeps files without one (their records decide)', () => {
    expect(dayOfPath('s3://b/log_data/2018/11/2018-11-05-events.json')).toBe('2018-11-05');
    expect(dayOfPath('/x/2018-11-05/all.json')).toBeUndefined();
    const file = (path: string) => ({ path, size: 1, tag: 't' });
    const files = {
      label: 'x',
      songs: [file('song.json')],
      events: ['2018-11-04-events.json', '2018-11-05-events.json', '2018-11-10-events.json', '2018-11-11-events.json', 'late.json'].map(file),
    };
    expect(filesInWindow(files, { from: '2018-11-05', to: '2018-11-10' }).events.map((f) => f.path)).toEqual(['2018-11-05-events.json', '2018-11-10-events.json', 'late.json']);
  });
});

import { STEP_TICK_INCREMENTS, toColumns } from '../../console/src/chart-data';
import { bytes, duration, percent, time } from '../../console/src/format';
import { href, parseRoute } from '../../console/src/route';

describe('console routes', () => {
  it('opens the runs page for an empty fragment', () => {
    expect(parseRoute('')).toEqual({ page: 'runs', args: [] });
    expect(parseRoute('#/')).toEqual({ page: 'runs', args: [] });
  });

  it('reads back every name it wrote, slashes, spaces and hashes included', () => {
    const names = ['default', 'a folder', 'odd/name#1', '100%', 'ünïcode'];
    const fragment = href('storage', ...names);
    expect(fragment).not.toMatch(/#.*#/);
    expect(parseRoute(fragment)).toEqual({ page: 'storage', args: names });
  });
});

describe('console formats', () => {
  it('writes sizes in binary units', () => {
    expect(bytes(0)).toBe('0 B');
    expect(bytes(1023)).toBe('1023 B');
    expect(bytes(1536)).toBe('1.5 KiB');
    expect(bytes(200 * 1024 ** 3)).toBe('200 GiB');
    expect(bytes(undefined)).toBe('–');
  });

  it('writes percents and durations', () => {
    expect(percent(42.46)).toBe('42.5 %');
    expect(percent(null)).toBe('–');
    expect(duration(42)).toBe('42 s');
    expect(duration(185)).toBe('3 min 05 s');
    expect(duration(3720)).toBe('1 h 02 min');
  });

  it("shows Docker's zero time and missing times as none", () => {
    expect(time('0001-01-01T00:00:00Z')).toBe('–');
    expect(time(null)).toBe('–');
    expect(time('not a time')).toBe('–');
    expect(time(0)).not.toBe('–');
  });
});

describe('chart columns', () => {
  it('joins series on their steps, with null where a series has no point', () => {
    const columns = toColumns([
      {
        name: 'loss',
        points: [
          [1, 0.9],
          [2, 0.5],
          [4, 0.2],
        ],
      },
      {
        name: 'accuracy',
        points: [
          [2, 0.6],
          [3, 0.7],
        ],
      },
    ]);
    expect(columns).toEqual([
      [1, 2, 3, 4],
      [0.9, 0.5, null, 0.2],
      [null, 0.6, 0.7, null],
    ]);
  });

  it('gives empty columns for no points', () => {
    expect(toColumns([{ name: 'loss', points: [] }])).toEqual([[], []]);
  });
});

describe('the step axis of metric charts', () => {
  it('ticks only at whole steps, from 1 up to billions, in increasing spacings', () => {
    expect(STEP_TICK_INCREMENTS.slice(0, 6)).toEqual([1, 2, 5, 10, 20, 50]);
    expect(STEP_TICK_INCREMENTS.every((n) => Number.isInteger(n))).toBe(true);
    expect(STEP_TICK_INCREMENTS.every((n, i) => i === 0 || n > STEP_TICK_INCREMENTS[i - 1])).toBe(true);
    expect(STEP_TICK_INCREMENTS.at(-1)).toBe(5e9);
  });
});

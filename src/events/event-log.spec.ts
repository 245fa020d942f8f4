import { EventLog } from './event-log';

const limits = { maxEvents: 4, maxBytes: 1_000_000 };

describe('EventLog', () => {
  it('gives increasing ids and reads after a cursor', () => {
    const log = new EventLog(limits, 100);
    log.append('status', { s: 'running' }, { key: 'status' });
    log.append('log', { lines: ['a'] }, { lines: 1 });
    log.append('log', { lines: ['b'] }, { lines: 1 });
    expect(log.lastId).toBe(102);
    const all = log.read(0, 0, 100);
    expect(all.events.map((e) => e.id)).toEqual([100, 101, 102]);
    expect(log.read(101, 1, 100).events.map((e) => JSON.parse(e.data) as unknown)).toEqual([{ lines: ['b'] }]);
    expect(log.read(0, 0, 2).events.map((e) => e.id)).toEqual([100, 101]);
  });

  it('keeps the latest event of each key beyond the window and discards the rest, counting lines', () => {
    const log = new EventLog(limits, 1);
    log.append('status', 'running', { key: 'status' }); // 1
    log.append('progress', 10, { key: 'progress' }); // 2
    log.append('progress', 20, { key: 'progress' }); // 3
    for (let i = 0; i < 5; i++) log.append('log', { lines: ['x', 'y'] }, { lines: 2 }); // 4..8
    // Window: 5..8. Beyond it: status 1 and progress 3 (progress 2 was superseded); log 4 discarded.
    const read = log.read(0, 0, 100);
    expect(read.events.map((e) => e.id)).toEqual([1, 3, 5, 6, 7, 8]);
    expect(read.missed).toBe(true);
    expect(read.droppedLines).toBe(2);
    expect(log.oldestMissingId).toBe(4);
    // A reader that had seen event 4 (and its 2 lines) missed nothing.
    expect(log.read(4, 2, 100)).toMatchObject({ missed: false, droppedLines: 0 });
    // A newer progress replaces the held one; the older one counts as discarded.
    log.append('progress', 30, { key: 'progress' });
    expect(
      log
        .read(0, 0, 100)
        .events.filter((e) => e.type === 'progress')
        .map((e) => e.data),
    ).toEqual(['30']);
  });

  it('bounds the window by bytes too', () => {
    const log = new EventLog({ maxEvents: 1000, maxBytes: 100 }, 1);
    for (let i = 0; i < 50; i++) log.append('log', { lines: ['0123456789'] }, { lines: 1 });
    const read = log.read(0, 0, 1000);
    expect(read.events.length).toBeLessThan(10);
    expect(read.events.at(-1)!.id).toBe(50);
    expect(read.droppedLines).toBe(50 - read.events.length);
  });

  it('treats every id before its first as missed (an earlier incarnation of the stream)', () => {
    const log = new EventLog(limits, 1000);
    log.append('status', 'running', { key: 'status' });
    expect(log.read(999, 0, 10).missed).toBe(false);
    expect(log.read(500, 0, 10).missed).toBe(true);
  });

  it('forgets a key and notifies subscribers of appends and close', () => {
    const log = new EventLog({ maxEvents: 1, maxBytes: 1000 }, 1);
    const calls: number[] = [];
    const off = log.subscribe(() => calls.push(log.lastId));
    log.append('status', { kind: 'exec', id: 'a' }, { key: 'exec:a' });
    log.append('status', { kind: 'exec', id: 'b' }, { key: 'exec:b' });
    log.forget('exec:a');
    expect(log.read(0, 0, 10).events.map((e) => e.id)).toEqual([2]);
    log.close();
    off();
    log.subscribe(() => calls.push(-1));
    expect(calls).toEqual([1, 2, 2]);
    expect(log.isClosed).toBe(true);
    expect(() => log.append('x', 1)).toThrow();
  });
});

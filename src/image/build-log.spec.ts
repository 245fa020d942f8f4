import { BuildLog, stripAnsi } from './build-log';

describe('BuildLog', () => {
  it('joins pieces into lines and splits pieces holding several lines', () => {
    const log = new BuildLog(100);
    log.write('Step 1/2 : FR');
    log.write('OM busybox\n ---> 681dd3eb6ba2\nStep 2/2');
    expect(log.lines()).toEqual(['Step 1/2 : FROM busybox', ' ---> 681dd3eb6ba2', 'Step 2/2']);
    log.write(' : RUN true\n');
    expect(log.lines()).toEqual(['Step 1/2 : FROM busybox', ' ---> 681dd3eb6ba2', 'Step 2/2 : RUN true']);
  });

  it('strips ANSI codes and keeps what a terminal shows after carriage returns', () => {
    const log = new BuildLog(10);
    log.write('\u001b[1m\u001b[31mE: Unable to locate package nope\u001b[0m\r\n');
    log.write('progress 10%\rprogress 50%\rprogress 100%\n');
    log.write('\u001b]0;title\u0007plain\n');
    expect(log.lines()).toEqual(['E: Unable to locate package nope', 'progress 100%', 'plain']);
    expect(stripAnsi('\u001b[38;5;196mred\u001b[m')).toBe('red');
  });

  it('keeps the newest lines and counts the dropped ones', () => {
    const log = new BuildLog(3);
    for (let i = 1; i <= 10; i++) log.write(`line ${i}\n`);
    expect(log.lines()).toEqual(['line 8', 'line 9', 'line 10']);
    expect(log.dropped).toBe(7);
    log.write('partial');
    expect(log.lines()).toEqual(['line 9', 'line 10', 'partial']);
    expect(log.dropped).toBe(8);
    log.flush();
    expect(log.lines()).toEqual(['line 9', 'line 10', 'partial']);
    expect(log.dropped).toBe(8);
    expect(log.tail(2)).toEqual(['line 10', 'partial']);
  });

  it('stays bounded for one enormous line without a newline', () => {
    const log = new BuildLog(2);
    for (let i = 0; i < 100; i++) log.write('x'.repeat(10_000));
    const total = log.lines().reduce((n, l) => n + l.length, 0);
    expect(total).toBeLessThan(200_000);
    expect(log.dropped).toBeGreaterThan(0);
  });

  it('adds whole lines after an unfinished one', () => {
    const log = new BuildLog(10);
    log.write('downloading');
    log.line('Pull failed: not found');
    expect(log.lines()).toEqual(['downloading', 'Pull failed: not found']);
  });
});

describe('BuildLog in linear time', () => {
  const millisecondsOf = (work: () => void) => {
    const start = performance.now();
    work();
    return performance.now() - start;
  };

  it('strips ESC [ followed by 60,000 semicolons (CVE-2021-3807) in under 50 ms', () => {
    const text = `\u001b[${';'.repeat(60_000)}`;
    expect(millisecondsOf(() => stripAnsi(text))).toBeLessThan(50);
  });

  it('settles a 60,000-character line of carriage returns in under 50 ms', () => {
    const log = new BuildLog(10);
    expect(millisecondsOf(() => log.write(`${'\r'.repeat(30_000)}x${'\r'.repeat(30_000)}\n`))).toBeLessThan(50);
    expect(log.lines()).toEqual(['x']);
  });
});

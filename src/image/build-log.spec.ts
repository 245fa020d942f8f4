import { BuildLog, stripAnsi } from './build-log';

function collected(): { log: BuildLog; lines: string[]; batches: number } {
  const out = { lines: [] as string[], batches: 0, log: undefined as unknown as BuildLog };
  out.log = new BuildLog((lines) => {
    out.lines.push(...lines);
    out.batches++;
  });
  return out;
}

describe('BuildLog', () => {
  it('joins pieces into lines and splits pieces holding several lines, handing on each batch once', () => {
    const out = collected();
    out.log.write('Step 1/2 : FR');
    expect(out.batches).toBe(0);
    out.log.write('OM busybox\n ---> 681dd3eb6ba2\nStep 2/2');
    expect(out).toMatchObject({ lines: ['Step 1/2 : FROM busybox', ' ---> 681dd3eb6ba2'], batches: 1 });
    out.log.write(' : RUN true\n');
    expect(out.lines).toEqual(['Step 1/2 : FROM busybox', ' ---> 681dd3eb6ba2', 'Step 2/2 : RUN true']);
  });

  it('strips ANSI codes and keeps what a terminal shows after carriage returns', () => {
    const out = collected();
    out.log.write('\u001b[1m\u001b[31mE: Unable to locate package nope\u001b[0m\r\n');
    out.log.write('progress 10%\rprogress 50%\rprogress 100%\n');
    out.log.write('\u001b]0;title\u0007plain\n');
    expect(out.lines).toEqual(['E: Unable to locate package nope', 'progress 100%', 'plain']);
    expect(stripAnsi('\u001b[38;5;196mred\u001b[m')).toBe('red');
  });

  it('keeps nothing but an unfinished line, and cuts one enormous line without a newline into pieces', () => {
    const out = collected();
    for (let i = 0; i < 100; i++) out.log.write('x'.repeat(10_000));
    expect(out.lines.length).toBeGreaterThan(10);
    expect(Math.max(...out.lines.map((l) => l.length))).toBeLessThanOrEqual(80_000);
    out.log.flush();
    expect(out.lines.join('')).toBe('x'.repeat(1_000_000));
  });

  it('adds whole lines after an unfinished one', () => {
    const out = collected();
    out.log.write('downloading');
    out.log.line('Pull failed: not found');
    expect(out.lines).toEqual(['downloading', 'Pull failed: not found']);
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

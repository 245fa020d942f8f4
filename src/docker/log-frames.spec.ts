import { LogLine } from './docker.types';
import { LogFrameParser } from './log-frames';

function frame(type: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('LogFrameParser', () => {
  it('keeps the order of stdout and stderr lines and joins lines split across frames and chunks', () => {
    const lines: LogLine[] = [];
    const parser = new LogFrameParser((l) => lines.push(l));
    const all = Buffer.concat([frame(1, 'one\ntw'), frame(2, 'err 1\n'), frame(1, 'o\r\nthree')]);
    // Feed in awkward pieces: inside a header and inside a payload.
    for (const [a, b] of [[0, 3], [3, 11], [11, 20], [20, all.length]]) parser.push(all.subarray(a, b));
    parser.end();
    expect(lines).toEqual([
      { stream: 'stdout', line: 'one' },
      { stream: 'stderr', line: 'err 1' },
      { stream: 'stdout', line: 'two' },
      { stream: 'stdout', line: 'three' },
    ]);
  });
});

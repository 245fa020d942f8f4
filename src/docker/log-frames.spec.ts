import { LogLine } from './docker.types';
import { cutMarker } from './line-splitter';
import { LogFrameParser } from './log-frames';

function frame(type: number, text: string | Buffer): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function parse(pieces: Buffer[]): LogLine[] {
  const lines: LogLine[] = [];
  const parser = new LogFrameParser((l) => lines.push(l));
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return lines;
}

describe('LogFrameParser', () => {
  it('keeps the order of stdout and stderr lines and joins lines split across frames and chunks', () => {
    const all = Buffer.concat([frame(1, 'one\ntw'), frame(2, 'err 1\n'), frame(1, 'o\r\nthree')]);
    // Feed in awkward pieces: inside a header and inside a payload.
    const pieces = [
      [0, 3],
      [3, 11],
      [11, 20],
      [20, all.length],
    ].map(([a, b]) => all.subarray(a, b));
    expect(parse(pieces)).toEqual([
      { stream: 'stdout', line: 'one' },
      { stream: 'stderr', line: 'err 1' },
      { stream: 'stdout', line: 'two' },
      { stream: 'stdout', line: 'three' },
    ]);
  });

  it('reads empty frames and a character split between frames', () => {
    const word = Buffer.from('말뭉치\n');
    expect(
      parse([
        Buffer.concat([frame(1, ''), frame(1, word.subarray(0, 2)), frame(2, 'e\n'), frame(1, word.subarray(2))]),
      ]),
    ).toEqual([
      { stream: 'stderr', line: 'e' },
      { stream: 'stdout', line: '말뭉치' },
    ]);
  });

  it('cuts a line longer than 64 KiB that arrives as one frame byte by byte', () => {
    const all = frame(1, `${'y'.repeat(70_000)}\nafter\n`);
    const pieces = Array.from({ length: Math.ceil(all.length / 1000) }, (_, i) =>
      all.subarray(i * 1000, (i + 1) * 1000),
    );
    expect(parse(pieces)).toEqual([
      { stream: 'stdout', line: 'y'.repeat(64 * 1024) + cutMarker(70_000 - 64 * 1024) },
      { stream: 'stdout', line: 'after' },
    ]);
  });
});

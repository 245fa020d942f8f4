import { LineSplitter, cutMarker } from './line-splitter';

function split(pieces: Buffer[], maxChars?: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((l) => lines.push(l), maxChars);
  for (const piece of pieces) splitter.write(piece);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('splits on newlines, drops a trailing carriage return and ends with the unfinished line', () => {
    expect(split([Buffer.from('a\r\nb\n\nc\rd\ne')])).toEqual(['a', 'b', '', 'c\rd', 'e']);
    expect(split([Buffer.from('a\n')])).toEqual(['a']);
    expect(split([])).toEqual([]);
  });

  it('decodes characters split between pieces', () => {
    const bytes = Buffer.from('한국어\n말뭉치');
    expect(split([...bytes].map((b) => Buffer.from([b])))).toEqual(['한국어', '말뭉치']);
  });

  it('keeps the first maxChars characters of a longer line and counts the rest', () => {
    const pieces = [Buffer.from('abc'), Buffer.from('defgh\nshort\n'), Buffer.from('0123456789'), Buffer.from('xy')];
    expect(split(pieces, 4)).toEqual([`abcd${cutMarker(4)}`, 'shor' + cutMarker(1), `0123${cutMarker(8)}`]);
  });

  it('holds at most 64 KiB of a 20 MB line without a newline, fed in 16 KiB pieces', () => {
    const piece = Buffer.alloc(16 * 1024, 'x');
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    for (let i = 0; i < 1280; i++) splitter.write(piece);
    splitter.write(Buffer.from('\nnext\n'));
    splitter.end();
    expect(lines).toEqual(['x'.repeat(64 * 1024) + cutMarker(20 * 1024 * 1024 - 64 * 1024), 'next']);
  });
});

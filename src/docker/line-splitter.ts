import { StringDecoder } from 'node:string_decoder';

/** The longest line kept whole (characters); the rest of a longer line is counted, not kept. */
export const MAX_LINE_CHARS = 64 * 1024;

/** What ends a line that was cut at MAX_LINE_CHARS: how much of it was left out. */
export function cutMarker(cutChars: number): string {
  return ` [line cut: ${cutChars} more characters]`;
}

/**
 * Turns a byte stream into lines in linear time and bounded memory: UTF-8 is
 * decoded across piece boundaries, each byte is looked at once (the
 * unfinished line is never re-split), a trailing `\r` is dropped, and a line
 * longer than `maxChars` keeps its first `maxChars` characters followed by
 * cutMarker (a progress bar or a binary dump without newlines can no longer
 * grow one line without bound). Framework-free.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private line = '';
  private cut = 0;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly maxChars = MAX_LINE_CHARS,
  ) {}

  write(bytes: Buffer): void {
    this.text(this.decoder.write(bytes));
  }

  /** Ends the stream: an unfinished last line is emitted. */
  end(): void {
    this.text(this.decoder.end());
    if (this.line || this.cut) this.finish();
  }

  private text(text: string): void {
    for (let from = 0; ;) {
      const newline = text.indexOf('\n', from);
      this.append(text, from, newline < 0 ? text.length : newline);
      if (newline < 0) return;
      this.finish();
      from = newline + 1;
    }
  }

  private append(text: string, from: number, to: number): void {
    const room = this.maxChars - this.line.length;
    const kept = Math.min(room, to - from);
    if (kept > 0) this.line += text.slice(from, from + kept);
    this.cut += to - from - kept;
  }

  private finish(): void {
    const line = this.cut
      ? `${this.line}${cutMarker(this.cut)}`
      : this.line.endsWith('\r')
        ? this.line.slice(0, -1)
        : this.line;
    this.line = '';
    this.cut = 0;
    this.emit(line);
  }
}

/**
 * The log of a build as a bounded list of lines: output arrives in pieces,
 * is split on newlines, cleared of ANSI escape codes and kept to the newest
 * `maxLines` lines; older lines are counted, not kept. Framework-free.
 */

// ANSI escape sequences (CSI, OSC and single-character escapes).
// eslint-disable-next-line no-control-regex
const ANSI = /[\u001b\u009b][[\]()#;?]*(?:(?:(?:[a-zA-Z\d]*(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** A line as a terminal would show it: what follows the last carriage return. */
function settle(line: string): string {
  const cr = line.replace(/\r+$/, '').lastIndexOf('\r');
  return stripAnsi(cr >= 0 ? line.slice(cr + 1) : line).replace(/\r+$/, '');
}

export class BuildLog {
  private readonly kept: string[] = [];
  private partial = '';
  private droppedCount = 0;

  /** `onLine` (optional) sees every complete line as it is added. */
  constructor(
    private readonly maxLines: number,
    private readonly onLine?: (line: string) => void,
  ) {
    if (!(maxLines >= 1)) throw new Error('maxLines must be at least 1');
  }

  /** Adds a piece of output; a line is complete once its newline arrived. */
  write(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const part of parts) this.push(settle(part));
    // A single enormous line without a newline must not grow without bound either.
    if (this.partial.length > 64 * 1024) {
      this.push(settle(this.partial));
      this.partial = '';
    }
  }

  /** Adds whole lines (each may itself contain newlines). */
  line(text: string): void {
    this.flush();
    this.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Ends an unfinished last line. */
  flush(): void {
    if (this.partial) {
      this.push(settle(this.partial));
      this.partial = '';
    }
  }

  /** The kept lines, oldest first (plus an unfinished last line, if any). */
  lines(): string[] {
    return this.partial ? [...this.kept, settle(this.partial)].slice(-this.maxLines) : [...this.kept];
  }

  /** The newest `n` lines. */
  tail(n: number): string[] {
    return this.lines().slice(-n);
  }

  /** How many old lines were dropped to stay within maxLines. */
  get dropped(): number {
    return this.droppedCount + (this.partial && this.kept.length === this.maxLines ? 1 : 0);
  }

  private push(line: string): void {
    this.onLine?.(line);
    this.kept.push(line);
    if (this.kept.length > this.maxLines) {
      const excess = this.kept.length - this.maxLines;
      this.kept.splice(0, excess);
      this.droppedCount += excess;
    }
  }
}

/**
 * The output of a build as lines: it arrives in pieces, is split on
 * newlines and cleared of ANSI escape codes; complete lines are handed on
 * (to the log file and listeners), only an unfinished line is kept.
 * Framework-free.
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
  private partial = '';

  /** `onLines` gets each batch of completed lines, in order. */
  constructor(private readonly onLines: (lines: string[]) => void) {}

  /** Adds a piece of output; a line is complete once its newline arrived. */
  write(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    const lines = parts.map(settle);
    // A single enormous line without a newline must not grow without bound either.
    if (this.partial.length > 64 * 1024) {
      lines.push(settle(this.partial));
      this.partial = '';
    }
    if (lines.length) this.onLines(lines);
  }

  /** Adds whole lines (each may itself contain newlines). */
  line(text: string): void {
    this.flush();
    this.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Ends an unfinished last line. */
  flush(): void {
    if (this.partial) {
      const last = settle(this.partial);
      this.partial = '';
      this.onLines([last]);
    }
  }
}

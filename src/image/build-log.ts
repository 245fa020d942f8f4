/**
 * The output of a build as lines: it arrives in pieces, is split on
 * newlines and cleared of ANSI escape codes; complete lines are handed on
 * (to the log file and listeners), only an unfinished line is kept.
 * Framework-free.
 */

import stripAnsiCodes from 'strip-ansi';

/** The text without ANSI escape codes (colours, cursor moves, titles), in linear time (strip-ansi). */
export function stripAnsi(text: string): string {
  return stripAnsiCodes(text);
}

/** The text without the carriage returns that end it. */
function withoutTrailingCr(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '\r') end--;
  return text.slice(0, end);
}

/** A line as a terminal would show it: what follows the last carriage return. */
function settle(line: string): string {
  const cr = withoutTrailingCr(line).lastIndexOf('\r');
  return withoutTrailingCr(stripAnsi(cr >= 0 ? line.slice(cr + 1) : line));
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

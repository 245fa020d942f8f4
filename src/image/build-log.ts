/**
 * The log of a build as a bounded list of lines: output arrives in pieces,
 * is split on newlines, cleared of ANSI escape codes and kept to the newest
 * `maxLines` lines; older lines are counted, not kept. Framework-free.
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
  private readonly kept: string[] = [];
  private partial = '';
  private droppedCount = 0;

  constructor(private readonly maxLines: number) {
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
    this.kept.push(line);
    if (this.kept.length > this.maxLines) {
      const excess = this.kept.length - this.maxLines;
      this.kept.splice(0, excess);
      this.droppedCount += excess;
    }
  }
}

/** Lines per `log` event at most. */
const MAX_LINES = 1000;
/** Characters per `log` event at most (about). */
const MAX_CHARS = 32 * 1024;

/**
 * Gathers log lines into batches: what arrives within one turn of the event
 * loop goes out as one batch (so a burst is one event, a single line is
 * sent at once), and a batch never grows past MAX_LINES or MAX_CHARS.
 */
export class LineBatcher {
  private pending: string[] = [];
  private chars = 0;
  private scheduled?: NodeJS.Immediate;

  constructor(private readonly emit: (lines: string[]) => void) {}

  add(line: string): void {
    this.pending.push(line);
    this.chars += line.length;
    if (this.pending.length >= MAX_LINES || this.chars >= MAX_CHARS) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (!this.pending.length) return;
    const lines = this.pending;
    this.pending = [];
    this.chars = 0;
    this.emit(lines);
  }
}

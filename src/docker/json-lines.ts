/**
 * Splits the engine's progress streams (pull, build: one JSON object a line)
 * into objects as chunks arrive, in time linear in the input and holding at
 * most one unfinished line, itself capped: a line longer than `maxLineBytes`
 * is skipped (and counted). Unlike docker-modem's followProgress it keeps no
 * list of every object seen, so a chatty build costs no memory. Framework-free.
 */
export class JsonLinesParser {
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  private skipping = false;
  /** Lines skipped: too long, or not JSON. */
  skipped = 0;

  constructor(
    private readonly emit: (value: unknown) => void,
    private readonly maxLineBytes = 16 * 1024 * 1024,
  ) {}

  push(chunk: Buffer): void {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      this.add(chunk.subarray(from, nl));
      this.line();
      from = nl + 1;
    }
    if (from < chunk.length) this.add(chunk.subarray(from));
  }

  /** The end of the stream: a last line without its newline still counts. */
  end(): void {
    this.line();
  }

  private add(piece: Buffer): void {
    if (this.skipping || !piece.length) return;
    if (this.pendingBytes + piece.length > this.maxLineBytes) {
      this.skipping = true;
      this.pieces = [];
      this.pendingBytes = 0;
      return;
    }
    this.pieces.push(Buffer.from(piece));
    this.pendingBytes += piece.length;
  }

  private line(): void {
    const text = this.pieces.length ? Buffer.concat(this.pieces).toString('utf8').trim() : '';
    const skipped = this.skipping;
    this.pieces = [];
    this.pendingBytes = 0;
    this.skipping = false;
    if (skipped) {
      this.skipped++;
      return;
    }
    if (!text) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.skipped++;
      return;
    }
    this.emit(value);
  }
}

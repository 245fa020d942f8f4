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

/**
 * Reads a stream of JSON lines to its end, handing each object to `onValue`.
 * When `onValue` returns a promise (its consumer is behind, say a disk), the
 * stream is paused until that settles: the producer is held back instead of
 * the objects piling up. Resolves at the end of the stream, rejects with its
 * error.
 */
export function readJsonLines(
  stream: NodeJS.ReadableStream,
  onValue: (value: unknown) => void | Promise<unknown>,
): Promise<void> {
  /** The consumer's latest answer that it is behind. */
  let behind: Promise<unknown> | undefined;
  let fresh = false;
  const parser = new JsonLinesParser((value) => {
    const wait = onValue(value);
    if (wait) {
      behind = wait;
      fresh = true;
    }
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const end = (err?: Error) => {
      if (settled) return;
      settled = true;
      if (err) return reject(err);
      parser.end();
      // The consumer may still be behind with the last objects: done once it has caught up.
      void Promise.resolve(behind).then(() => resolve(), reject);
    };
    stream.on('data', (chunk: Buffer) => {
      parser.push(chunk);
      if (!fresh) return;
      fresh = false;
      stream.pause();
      behind!.then(
        () => stream.resume(),
        (e: Error) => end(e),
      );
    });
    stream.once('error', (err: Error) => end(err));
    stream.once('end', () => end());
    stream.once('close', () => end());
  });
}

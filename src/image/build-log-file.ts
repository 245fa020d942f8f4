import { createReadStream, promises as fs } from 'node:fs';

/**
 * A build's full log on disk: one append-only file, one line per `\n`.
 * The writer keeps only what waits for the disk (bounded); readers stream
 * the newest lines back from the file, each line capped. Framework-free.
 */

/** Longest line kept (UTF-8 bytes); the rest of a longer line is cut. */
export const LOG_LINE_MAX_BYTES = 64 * 1024;
/** Most bytes waiting for the disk; lines beyond are counted and reported in the log instead. */
const PENDING_MAX_BYTES = 4 * 1024 * 1024;
/** Bytes not yet on disk past which the writer is behind: whoever feeds it should wait (`flushed()`). */
const BACKLOG_BYTES = 1024 * 1024;
/** Bytes read at a time when looking for the newest lines. */
const SCAN_CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** The bytes of a line, cut on a character boundary to at most `max` bytes. */
function capped(bytes: Buffer, max = LOG_LINE_MAX_BYTES): Buffer {
  if (bytes.length <= max) return bytes;
  let end = max;
  // Back off continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** Where the log stands on disk: lines written and the file's size; a consistent snapshot for readers. */
export interface LogExtent {
  lines: number;
  bytes: number;
}

/** Appends lines to a log file in order; `extent` counts only what reached the file. */
export class LogFileWriter {
  private readonly extentOnDisk: LogExtent;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private pendingLines = 0;
  /** Bytes appended and not yet written (pending, and in the write under way). */
  private unwrittenBytes = 0;
  /** Lines refused while too much waited for the disk, not yet reported in the log. */
  private skipped = 0;
  private writing: Promise<void> = Promise.resolve();
  private failure?: Error;

  private constructor(
    private readonly handle: fs.FileHandle,
    start: LogExtent,
  ) {
    this.extentOnDisk = { ...start };
  }

  /** Opens (or creates) the file for appending; `start` is what it already holds. */
  static async open(file: string, start: LogExtent = { lines: 0, bytes: 0 }): Promise<LogFileWriter> {
    return new LogFileWriter(await fs.open(file, 'a', 0o600), start);
  }

  /** Whether more than BACKLOG_BYTES wait for the disk: the producer should wait for `flushed()` before adding more. */
  get backlogged(): boolean {
    return this.unwrittenBytes >= BACKLOG_BYTES;
  }

  get extent(): LogExtent {
    return { ...this.extentOnDisk };
  }

  /** Adds whole lines (without their newline). Never waits: the disk catches up in the background. */
  append(lines: readonly string[]): void {
    for (const line of lines) {
      if (this.pendingBytes >= PENDING_MAX_BYTES) {
        this.skipped++;
        continue;
      }
      this.push(line);
    }
    if (this.pendingLines) this.writing = this.writing.then(() => this.drain());
  }

  /** Resolves once every line appended so far is on disk (or the disk refused it). */
  async flushed(): Promise<void> {
    await this.writing;
  }

  /** Flushes, then closes the file. Rejects with the first write error, if any. */
  async close(): Promise<void> {
    await this.flushed();
    await this.handle.close();
    if (this.failure) throw this.failure;
  }

  private push(line: string): void {
    const bytes = Buffer.concat([capped(Buffer.from(line, 'utf8')), Buffer.from('\n')]);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.unwrittenBytes += bytes.length;
    this.pendingLines++;
  }

  private async drain(): Promise<void> {
    if (this.skipped && this.pendingBytes < PENDING_MAX_BYTES) {
      this.push(`[${this.skipped} lines not kept: the log came faster than the disk took it]`);
      this.skipped = 0;
    }
    if (!this.pendingLines || this.failure) return;
    const data = Buffer.concat(this.pending);
    const lines = this.pendingLines;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingLines = 0;
    try {
      await this.handle.write(data);
      this.extentOnDisk.lines += lines;
      this.extentOnDisk.bytes += data.length;
    } catch (e) {
      this.failure ??= e as Error;
    } finally {
      this.unwrittenBytes -= data.length;
    }
  }
}

/**
 * What a log file holds, read once from start to end: its lines and size.
 * A last line without its newline (a crash in the middle of a write) is
 * ended with one, so the file is whole again.
 */
export async function repairLogFile(file: string): Promise<LogExtent> {
  let lines = 0;
  let bytes = 0;
  let last = NEWLINE;
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(NEWLINE); i >= 0; i = chunk.indexOf(NEWLINE, i + 1)) lines++;
      bytes += chunk.length;
      if (chunk.length) last = chunk[chunk.length - 1];
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { lines: 0, bytes: 0 };
    throw e;
  }
  if (last !== NEWLINE) {
    await fs.appendFile(file, '\n');
    return { lines: lines + 1, bytes: bytes + 1 };
  }
  return { lines, bytes };
}

/** Offset of the first of the newest `count` lines among the first `end` bytes (which end with a newline). */
async function startOfLastLines(handle: fs.FileHandle, end: number, count: number): Promise<number> {
  const buffer = Buffer.alloc(SCAN_CHUNK_BYTES);
  let found = 0;
  // The last byte is the newline ending the last line: look before it.
  let scanEnd = end - 1;
  while (scanEnd > 0) {
    const scanStart = Math.max(0, scanEnd - SCAN_CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, scanEnd - scanStart, scanStart);
    for (
      let i = buffer.lastIndexOf(NEWLINE, bytesRead - 1);
      i >= 0;
      i = i > 0 ? buffer.lastIndexOf(NEWLINE, i - 1) : -1
    ) {
      if (++found === count) return scanStart + i + 1;
    }
    scanEnd = scanStart;
  }
  return 0;
}

/**
 * The newest `count` lines among the first `extent.bytes` bytes of a log
 * file, oldest first, streamed: memory stays within one read chunk and one
 * line of at most LOG_LINE_MAX_BYTES, however large the file.
 */
export async function* readLastLines(file: string, extent: LogExtent, count: number): AsyncGenerator<string> {
  if (count <= 0 || extent.bytes <= 0) return;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    const start = await startOfLastLines(handle, extent.bytes, count);
    let line: Buffer[] = [];
    let lineBytes = 0;
    const stream = handle.createReadStream({ start, end: extent.bytes - 1, autoClose: false });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, from)) {
        const piece = chunk.subarray(from, nl);
        yield capped(lineBytes ? Buffer.concat([...line, piece]) : piece).toString('utf8');
        line = [];
        lineBytes = 0;
        from = nl + 1;
      }
      // Keep the start of an unfinished line, never more than a whole line's worth.
      if (from < chunk.length && lineBytes <= LOG_LINE_MAX_BYTES) {
        const rest = chunk.subarray(from, from + LOG_LINE_MAX_BYTES + 1 - lineBytes);
        line.push(Buffer.from(rest));
        lineBytes += rest.length;
      }
    }
  } finally {
    await handle.close();
  }
}

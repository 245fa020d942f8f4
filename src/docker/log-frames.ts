import { LogLine } from './docker.types';
import { LineSplitter } from './line-splitter';

const STREAMS: Record<number, LogLine['stream']> = { 1: 'stdout', 2: 'stderr' };
const HEADER_BYTES = 8;

/**
 * Splits Docker's multiplexed log stream (8-byte frame headers: stream type,
 * three zero bytes, big-endian payload size) into lines, keeping the order in
 * which the container wrote them. Feed chunks with `push`, then call `end`.
 * Payloads go to one LineSplitter per stream as they arrive, never gathered
 * first: linear time, and memory bounded by the longest kept line whatever
 * the sizes of frames and lines.
 */
export class LogFrameParser {
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  /** Payload bytes of the current frame still to come; 0 while reading a header. */
  private remaining = 0;
  private stream: LogLine['stream'] = 'stdout';
  private readonly splitters: Record<LogLine['stream'], LineSplitter>;

  constructor(emit: (line: LogLine) => void) {
    this.splitters = {
      stdout: new LineSplitter((line) => emit({ stream: 'stdout', line })),
      stderr: new LineSplitter((line) => emit({ stream: 'stderr', line })),
    };
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining === 0) {
        const n = Math.min(HEADER_BYTES - this.headerFill, chunk.length - at);
        chunk.copy(this.header, this.headerFill, at, at + n);
        this.headerFill += n;
        at += n;
        if (this.headerFill === HEADER_BYTES) {
          this.headerFill = 0;
          this.stream = STREAMS[this.header[0]] ?? 'stdout';
          this.remaining = this.header.readUInt32BE(4);
        }
      } else {
        const n = Math.min(this.remaining, chunk.length - at);
        this.splitters[this.stream].write(chunk.subarray(at, at + n));
        this.remaining -= n;
        at += n;
      }
    }
  }

  end(): void {
    this.splitters.stdout.end();
    this.splitters.stderr.end();
  }
}

import { LogLine } from './docker.types';

const STREAMS: Record<number, LogLine['stream']> = { 1: 'stdout', 2: 'stderr' };

/**
 * Splits Docker's multiplexed log stream (8-byte frame headers: stream type,
 * three zero bytes, big-endian payload size) into lines, keeping the order in
 * which the container wrote them. Feed chunks with `push`, then call `end`.
 */
export class LogFrameParser {
  private pending: Buffer = Buffer.alloc(0);
  private readonly partial: Record<LogLine['stream'], string> = { stdout: '', stderr: '' };

  constructor(private readonly emit: (line: LogLine) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const stream = STREAMS[this.pending[0]] ?? 'stdout';
      this.text(stream, this.pending.subarray(8, 8 + size).toString('utf8'));
      this.pending = this.pending.subarray(8 + size);
    }
  }

  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) this.emit({ stream, line: this.partial[stream] });
      this.partial[stream] = '';
    }
  }

  private text(stream: LogLine['stream'], text: string): void {
    const parts = (this.partial[stream] + text).split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const part of parts) this.emit({ stream, line: part.endsWith('\r') ? part.slice(0, -1) : part });
  }
}

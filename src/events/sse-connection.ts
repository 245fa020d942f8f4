import type { ServerResponse } from 'node:http';
import { EventLog, LoggedEvent } from './event-log';

/** Events read from the log per pass. */
const READ_BATCH = 256;
/** What a client is told to wait before reconnecting. */
export const RECONNECT_MS = 1000;

export interface SseOptions {
  keepAliveMs: number;
  /** Headers set before the stream opened (CORS). */
  headers: Record<string, string | string[] | number | undefined>;
}

/** One SSE event as text: `data` is one line of JSON. */
export function sseText(id: number, type: string, data: string): string {
  return `id: ${id}\nevent: ${type}\ndata: ${data}\n\n`;
}

/**
 * One client of an event stream, written straight to its socket: a cursor
 * into the stream's log, never a queue of its own. Events are written while
 * the socket takes them; when its buffer is full the connection waits for
 * 'drain', so a slow client holds at most one socket buffer. A client that
 * falls behind what the log holds gets a `log` event with the `dropped`
 * count of lines it missed (a resumed client whose id is too old gets
 * `resync`), then continues with what is held. After `end` (or when the log
 * closes) the response ends.
 */
export class SseConnection {
  private cursor: number;
  /** Log lines the client has been sent or told about. */
  private lineSeq = 0;
  /** The newest missing id the client has been told about. */
  private reportedMissing = -Infinity;
  /** Nothing read yet: a resumed client that missed events gets `resync`. */
  private firstRead = true;
  /** The client resumes after an id this log never gave (an earlier incarnation of the stream). */
  private readonly unknownId: boolean;
  private waiting = false;
  private closed = false;
  private readonly keepAlive: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly raw: ServerResponse,
    private readonly log: EventLog,
    /** The id a client resumes after (Last-Event-ID or ?after=), if any. */
    private readonly resumeAfter: number | undefined,
    options: SseOptions,
    private readonly onClose: (connection: SseConnection) => void,
  ) {
    this.unknownId = resumeAfter !== undefined && resumeAfter > log.lastId;
    // After an unknown id, everything held is sent.
    this.cursor = this.unknownId ? 0 : (resumeAfter ?? 0);
    raw.writeHead(200, {
      ...options.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    raw.write(`retry: ${RECONNECT_MS}\n\n`);
    raw.on('close', () => this.close());
    this.keepAlive = setInterval(() => {
      if (!this.waiting) raw.write(': keep-alive\n\n');
    }, options.keepAliveMs);
    this.keepAlive.unref();
    this.unsubscribe = log.subscribe(() => this.pump());
    this.pump();
  }

  /** Ends the stream, telling the client when to come back (the service is stopping). */
  end(retryMs = RECONNECT_MS): void {
    if (this.closed) return;
    this.raw.end(`retry: ${retryMs}\n\n`);
    this.close();
  }

  private pump(): void {
    while (!this.closed && !this.waiting) {
      const read = this.log.read(this.cursor, this.lineSeq, READ_BATCH);
      const resumed = this.firstRead && this.resumeAfter !== undefined;
      this.firstRead = false;
      if ((resumed && this.unknownId) || (read.missed && this.log.oldestMissingId > this.reportedMissing)) {
        this.reportedMissing = this.log.oldestMissingId;
        if (resumed) this.resync();
        else if (read.droppedLines > 0)
          this.write(sseText(this.cursor, 'log', JSON.stringify({ lines: [], dropped: read.droppedLines })));
        this.lineSeq += read.droppedLines;
      }
      if (!read.events.length) {
        if (this.log.isClosed) this.end();
        return;
      }
      for (const event of read.events) {
        this.send(event);
        if (event.type === 'end') return this.end();
        if (this.waiting) return;
      }
    }
  }

  private send(event: LoggedEvent): void {
    this.cursor = event.id;
    this.lineSeq = Math.max(this.lineSeq, event.lineSeq);
    this.write(sseText(event.id, event.type, event.data));
  }

  private resync(): void {
    const data = {
      reason: 'Events after this id are no longer held: read the current state again; what is held follows.',
      oldestHeldAfter: this.log.oldestMissingId,
    };
    this.write(sseText(this.cursor, 'resync', JSON.stringify(data)));
  }

  private write(text: string): void {
    if (this.raw.write(text)) return;
    this.waiting = true;
    this.raw.once('drain', () => {
      this.waiting = false;
      this.pump();
    });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAlive);
    this.unsubscribe();
    if (!this.raw.writableEnded) this.raw.end();
    this.onClose(this);
  }
}

/**
 * The append-only log of one event stream (a run, a build, or the dashboard
 * stream of every status). Every event gets an id, increasing within the
 * log; subscribers are cursors into it, so replaying after a reconnection is
 * reading from an id, never a special case.
 *
 * What is held: the newest events within a window (a number of events and
 * of bytes), plus, beyond the window, the latest event of each "sticky" key
 * (a run's status, progress and result; every run's status in the
 * dashboard stream), so those are always replayable. Everything else that
 * leaves the window is discarded, and counted: a reader whose cursor is
 * older than the last discarded event has missed something (it gets a
 * `resync` or a `dropped` count), and the number of log lines discarded is
 * known. Framework-free.
 */

export interface LoggedEvent {
  id: number;
  /** The SSE event type (`status`, `log`, …). */
  type: string;
  /** The event's data, serialized once for every reader. */
  data: string;
  /** Latest-per-key retention: the newest event of a key is kept beyond the window. */
  key?: string;
  /** Log lines in this event. */
  lines: number;
  /** Log lines in the stream up to and including this event. */
  lineSeq: number;
}

export interface EventLogLimits {
  /** Events held in the window. */
  maxEvents: number;
  /** Bytes of event data held in the window. */
  maxBytes: number;
}

export interface ReadResult {
  /** Held events after the cursor, in id order. */
  events: LoggedEvent[];
  /** Events after the cursor were discarded: the reader has missed some. */
  missed: boolean;
  /** Log lines after `lineSeq` that were discarded (0 unless `missed`). */
  droppedLines: number;
}

/** Ids start at the microsecond time a log is opened, so a log opened later for the same stream (after a restart) never reuses an id. */
export function firstIdNow(): number {
  return Date.now() * 1000;
}

export class EventLog {
  private window: LoggedEvent[] = [];
  /** Index of the oldest held event in `window` (the array is compacted now and then). */
  private head = 0;
  private bytes = 0;
  /** The latest event of each key. */
  private readonly sticky = new Map<string, LoggedEvent>();
  /** Sticky events that left the window (a subset of `sticky`). */
  private readonly beyond = new Map<string, LoggedEvent>();
  private nextId: number;
  private lineSeq = 0;
  private discardedId: number;
  private discardedLineSeq = 0;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly limits: EventLogLimits,
    firstId = firstIdNow(),
  ) {
    this.nextId = firstId;
    // Whatever came before this log (an earlier process's ids) counts as discarded.
    this.discardedId = firstId - 1;
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  /** Id of the last event that is no longer held. */
  get oldestMissingId(): number {
    return this.discardedId;
  }

  /** Closed: nothing more will be appended (the stream ended or its subject is gone). */
  get isClosed(): boolean {
    return this.closed;
  }

  append(type: string, data: unknown, options: { key?: string; lines?: number } = {}): LoggedEvent {
    if (this.closed) throw new Error('append to a closed event log');
    const lines = options.lines ?? 0;
    this.lineSeq += lines;
    const event: LoggedEvent = {
      id: this.nextId++,
      type,
      data: JSON.stringify(data),
      key: options.key,
      lines,
      lineSeq: this.lineSeq,
    };
    if (event.key !== undefined) {
      const previous = this.beyond.get(event.key);
      if (previous) {
        this.beyond.delete(event.key);
        this.discard(previous);
      }
      this.sticky.set(event.key, event);
    }
    this.window.push(event);
    this.bytes += event.data.length;
    this.trim();
    this.notify();
    return event;
  }

  /** Stops holding a key's latest event (its subject is gone). */
  forget(key: string): void {
    const event = this.beyond.get(key);
    if (event) {
      this.beyond.delete(key);
      this.discard(event);
    }
    this.sticky.delete(key);
  }

  /** No more events: readers end once they have read everything. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.notify();
  }

  /** Up to `limit` held events after `after`; `lineSeq` is the reader's count of lines seen, for the dropped count. */
  read(after: number, lineSeq: number, limit: number): ReadResult {
    const missed = after < this.discardedId;
    const events: LoggedEvent[] = [];
    if (this.beyond.size) {
      for (const e of [...this.beyond.values()].sort((a, b) => a.id - b.id)) {
        if (e.id > after && events.length < limit) events.push(e);
      }
    }
    for (let i = this.firstAfter(after); i < this.window.length && events.length < limit; i++)
      events.push(this.window[i]);
    return { events, missed, droppedLines: missed ? Math.max(0, this.discardedLineSeq - lineSeq) : 0 };
  }

  /** Calls `listener` after every append and on close; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  private firstAfter(after: number): number {
    let lo = this.head;
    let hi = this.window.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.window[mid].id <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private trim(): void {
    while (
      this.window.length - this.head > 1 &&
      (this.window.length - this.head > this.limits.maxEvents || this.bytes > this.limits.maxBytes)
    ) {
      const oldest = this.window[this.head++];
      this.bytes -= oldest.data.length;
      if (oldest.key !== undefined && this.sticky.get(oldest.key) === oldest) this.beyond.set(oldest.key, oldest);
      else this.discard(oldest);
    }
    // Trimmed events must not stay reachable from the array: compact once they are half of it (amortised O(1) per event).
    if (this.head > 0 && this.head * 2 >= this.window.length) {
      this.window = this.window.slice(this.head);
      this.head = 0;
    }
  }

  private discard(event: LoggedEvent): void {
    this.discardedId = Math.max(this.discardedId, event.id);
    this.discardedLineSeq = Math.max(this.discardedLineSeq, event.lineSeq);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

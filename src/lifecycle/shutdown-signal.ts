/** How long a client told to come back (an event stream's `retry:`) waits before it reconnects, in milliseconds. */
export const RECONNECT_AFTER_MS = 3000;

export interface ShutdownNotice {
  /** What to tell clients about coming back: an event stream writes `retry: <reconnectAfterMs>` before it ends. */
  reconnectAfterMs: number;
}

export type ShutdownListener = (notice: ShutdownNotice) => void | Promise<void>;

/**
 * Tells long-lived work that the service is stopping. Event streams (and
 * anything else that would keep a connection open for ever) register with
 * `onShutdown` when they start and unregister when they end; on SIGTERM,
 * before the server waits for in-flight requests, every registered listener
 * is called once, so each stream can send its `retry:` hint and end.
 * Injected as `ShutdownSignal` (a global provider).
 */
export class ShutdownSignal {
  private readonly listeners = new Set<ShutdownListener>();
  private notice?: ShutdownNotice;

  /** True once shutdown has begun: new long-lived work should not start. */
  get requested(): boolean {
    return this.notice !== undefined;
  }

  /**
   * Calls `listener` when shutdown begins (at once, on the next tick, when it
   * already has). Returns the function that unregisters it.
   */
  onShutdown(listener: ShutdownListener): () => void {
    if (this.notice) {
      const notice = this.notice;
      queueMicrotask(() => void Promise.resolve(listener(notice)).catch(() => undefined));
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Begins shutdown: every listener is called once; resolves when all have settled (their errors are ignored). */
  async trigger(notice: ShutdownNotice = { reconnectAfterMs: RECONNECT_AFTER_MS }): Promise<void> {
    if (this.notice) return;
    this.notice = notice;
    const listeners = [...this.listeners];
    this.listeners.clear();
    await Promise.allSettled(listeners.map(async (listener) => listener(notice)));
  }
}

import { FSWatcher, watch } from 'node:fs';

/**
 * Calls `scan` when something changes in a folder: file watching (inotify)
 * for speed, plus a timer every `fallbackMs` in case a change is not
 * reported (some file systems, a folder made again). Scans never overlap;
 * changes during a scan cause one more.
 */
export class FolderWatcher {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private scanning?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dir: string,
    private readonly scan: () => Promise<void>,
    private readonly fallbackMs: number,
  ) {}

  start(): void {
    this.watchFolder();
    this.timer = setInterval(() => {
      // A folder that could not be watched (not made yet) is watched once it can be.
      if (!this.watcher) this.watchFolder();
      this.trigger();
    }, this.fallbackMs);
    this.timer.unref();
    this.trigger();
  }

  trigger(): void {
    if (this.stopped) return;
    if (this.scanning) {
      this.again = true;
      return;
    }
    this.scanning = this.loop();
  }

  /** Stops watching; resolves once a scan in progress has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closeWatcher();
    clearInterval(this.timer);
    await this.scanning;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.scan().catch(() => undefined);
    } while (this.again && !this.stopped);
    this.scanning = undefined;
  }

  private watchFolder(): void {
    try {
      this.watcher = watch(this.dir, { persistent: false }, () => this.trigger());
      this.watcher.on('error', () => this.closeWatcher());
    } catch {
      // Not there (yet): the timer notices changes meanwhile.
    }
  }

  private closeWatcher(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}

import { Logger } from '@nestjs/common';
import { jsonObjectOrNull } from '../exec/run-files';
import { MetricsStore } from '../metrics-history/metrics-store';
import { readRunFolderFile } from '../metrics-history/run-folder-file';
import { EventLog, EventLogLimits } from './event-log';
import { isFinalRunStatus, RunEventSource, RunStatusView } from './event-sources';
import { FolderWatcher } from './folder-watcher';
import { LineBatcher } from './line-batcher';

/** Largest progress/result file read. */
const RUN_FILE_MAX_BYTES = 1024 * 1024;
/** Metric points per `metric` event. */
const POINTS_PER_EVENT = 1000;
/**
 * How long the end of a run waits for the last lines of its log (the
 * engine's followed log ends by itself once the run has stopped and every
 * line is out; this only guards against a follower that hangs).
 */
const LOG_END_WAIT_MS = 120_000;

export interface RunStreamSettings {
  limits: EventLogLimits;
  watchFallbackMs: number;
  /** Lines of the log taken when following starts late (a run that began before the service, a finished run). */
  tailLines: number;
  /** When the service started (ms): a run that started later is followed from its first line. */
  serviceStartedAt: number;
}

/**
 * The event log of one run, fed once for all its subscribers: status from
 * the run's changes, progress/result/metrics from one watcher of its run
 * folder, lines from one follower of its log. Ends with `end` once the run
 * has ended and its last lines and files have been read.
 */
export class RunStream {
  readonly log: EventLog;
  private readonly logger = new Logger('RunStream');
  private readonly lines: LineBatcher;
  private readonly last = new Map<string, string>();
  private watcher?: FolderWatcher;
  private following?: Promise<void>;
  private abort = new AbortController();
  private ending = false;
  /** The last status seen, which a deleted run's `end` tells. */
  private lastStatus?: RunStatusView;

  constructor(
    private readonly execId: string,
    private readonly source: RunEventSource,
    private readonly metrics: MetricsStore,
    private readonly settings: RunStreamSettings,
  ) {
    this.log = new EventLog(settings.limits);
    this.lines = new LineBatcher((lines) =>
      this.appendOnce(() => this.log.append('log', { lines }, { lines: lines.length })),
    );
  }

  get finished(): boolean {
    return this.ending;
  }

  /** The run's status may have changed. */
  update(status: RunStatusView): void {
    if (this.ending) return;
    this.lastStatus = status;
    this.appendIfChanged('status', status);
    if (isFinalRunStatus(status.status)) return void this.finish(status);
    this.watch();
    // Its log exists once it runs; one that started after the service is followed from its first line.
    if (status.status === 'running' && !this.following) {
      const fromStart = Date.parse(status.startedAt ?? '') >= this.settings.serviceStartedAt;
      this.following = this.follow(true, fromStart);
    }
  }

  /**
   * The run was deleted: subscribers get `end` with its last status, which
   * for a run that had not ended says `canceled`, reason `deleted` (a client
   * that reconnected would only find a 404), then the log closes.
   */
  deleted(): void {
    const last = this.lastStatus;
    if (!this.ending && last) {
      this.lines.flush();
      this.appendOnce(() =>
        this.log.append(
          'end',
          isFinalRunStatus(last.status)
            ? last
            : { ...last, status: 'canceled', reason: 'deleted', finishedAt: new Date().toISOString() },
          { key: 'end' },
        ),
      );
    }
    this.dispose();
  }

  /** Stop reading and close the log. */
  dispose(): void {
    this.ending = true;
    this.abort.abort();
    void this.watcher?.stop();
    this.log.close();
  }

  private watch(): void {
    if (this.watcher) return;
    this.watcher = new FolderWatcher(this.source.runDir(this.execId), () => this.scan(), this.settings.watchFallbackMs);
    this.watcher.start();
  }

  private async finish(status: RunStatusView): Promise<void> {
    this.ending = true;
    // A run that ended before it was followed: what its log holds now.
    this.following ??= this.follow(false, false);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.following, new Promise((resolve) => (timer = setTimeout(resolve, LOG_END_WAIT_MS)))]);
    clearTimeout(timer);
    this.abort.abort();
    await this.watcher?.stop();
    await this.scan().catch((e) => this.logger.warn(`run ${this.execId}: ${(e as Error).message}`));
    this.lines.flush();
    if (this.log.isClosed) return;
    this.log.append('end', this.source.status(this.execId) ?? status, { key: 'end' });
    this.log.close();
  }

  private async follow(live: boolean, fromStart: boolean): Promise<void> {
    const tail = fromStart ? undefined : this.settings.tailLines;
    try {
      for await (const line of this.source.logLines(this.execId, { tail, follow: live })) {
        if (this.abort.signal.aborted) break;
        this.lines.add(line);
      }
    } catch (e) {
      this.logger.debug(`stopped following the log of run ${this.execId}: ${(e as Error).message}`);
    } finally {
      this.lines.flush();
    }
  }

  /** Reads what changed in the run folder: progress.json, result.json, new metric points. */
  private async scan(): Promise<void> {
    const dir = this.source.runDir(this.execId);
    for (const [type, file] of [
      ['progress', 'progress.json'],
      ['result', 'result.json'],
    ] as const) {
      const content = jsonObjectOrNull(await readRunFolderFile(dir, file, RUN_FILE_MAX_BYTES));
      if (content) this.appendIfChanged(type, content);
    }
    const points = await this.metrics.tail(this.execId, dir);
    for (let i = 0; i < points.length; i += POINTS_PER_EVENT) {
      this.appendOnce(() => this.log.append('metric', points.slice(i, i + POINTS_PER_EVENT)));
    }
  }

  /** Appends a status, progress or result event unless it says what the last one of its type said. */
  private appendIfChanged(type: 'status' | 'progress' | 'result', data: object): void {
    const text = type === 'status' ? statusText(data) : JSON.stringify(data);
    if (this.last.get(type) === text) return;
    this.last.set(type, text);
    this.appendOnce(() => this.log.append(type, data, { key: type }));
  }

  private appendOnce(append: () => void): void {
    if (!this.log.isClosed) append();
  }
}

/**
 * What makes a status new: everything but a correction of its end time
 * alone (the engine's exit event gives one, its inspect data a more exact
 * one a moment later).
 */
export function statusText(status: object): string {
  return JSON.stringify({ ...status, finishedAt: undefined });
}

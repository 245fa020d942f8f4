import { BeforeApplicationShutdown, Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RECONNECT_AFTER_MS, ShutdownSignal } from '../lifecycle/shutdown-signal';
import { notFound } from '../common/domain-error';
import { MetricsStore } from '../metrics-history/metrics-store';
import { EventLog, EventLogLimits } from './event-log';
import {
  BUILD_EVENT_SOURCE,
  BuildEventSource,
  BuildStatusView,
  isFinalBuildStatus,
  isFinalRunStatus,
  RUN_EVENT_SOURCE,
  RunEventSource,
} from './event-sources';
import { LineBatcher } from './line-batcher';
import { RunStream, statusText } from './run-stream';
import { SseConnection } from './sse-connection';

/**
 * Bytes of log events a build stream holds for replay at most: a build's whole log is always readable from
 * GET /api/image/create/{name} (it is on disk), and builds can print hundreds of megabytes in long lines.
 */
const BUILD_WINDOW_BYTES = 1024 * 1024;

/** Streams of ended runs and builds kept while nobody reads them; older ones are made again on demand. */
const MAX_IDLE_ENDED = 100;
/** Lines of a log taken when following starts after the run began, or when a build's stream is made from its record. */
const TAIL_LINES = 10000;
/** Events of the dashboard stream held beyond the latest status of each run and build. */
const DASHBOARD_WINDOW = { maxEvents: 10000, maxBytes: 8 * 1024 * 1024 };

interface BuildStream {
  log: EventLog;
  lines: LineBatcher;
}

/**
 * The live event streams: one log per run, one per build, and the dashboard
 * log of every status change. Fed from the run and build sources once, read
 * by any number of SSE connections.
 */
@Injectable()
export class EventsService implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly runStreams = new Map<string, RunStream>();
  private readonly buildStreams = new Map<string, BuildStream>();
  private readonly dashboard = new EventLog(DASHBOARD_WINDOW);
  /** The last status sent per dashboard key, so an unchanged status is not sent again. */
  private readonly dashboardLast = new Map<string, string>();
  private readonly connections = new Set<SseConnection>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly startedAt = Date.now();
  private readonly limits: EventLogLimits;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly shutdown: ShutdownSignal,
    @Inject(RUN_EVENT_SOURCE) private readonly runs: RunEventSource,
    @Inject(BUILD_EVENT_SOURCE) private readonly builds: BuildEventSource,
    private readonly metrics: MetricsStore,
  ) {
    this.limits = { maxEvents: config.EVENTS_WINDOW_EVENTS, maxBytes: config.EVENTS_WINDOW_BYTES };
  }

  onModuleInit(): void {
    this.unsubscribe.push(
      this.runs.onRunChange((execId) => this.runChanged(execId)),
      this.builds.onBuildChange((build) => this.buildChanged(build)),
      this.builds.onBuildLog((name, lines) => this.buildLog(name, lines)),
      // On SIGTERM, before the server waits for requests in flight: streams would otherwise hold the stop.
      this.shutdown.onShutdown(({ reconnectAfterMs }) => this.endStreams(reconnectAfterMs)),
    );
    for (const execId of this.runs.runIds()) this.runChanged(execId);
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
    for (const stream of this.runStreams.values()) stream.dispose();
  }

  /** Open streams end with a `retry:` hint, so clients come back once the service is up again. */
  beforeApplicationShutdown(): void {
    this.endStreams(RECONNECT_AFTER_MS);
  }

  private endStreams(reconnectAfterMs: number): void {
    for (const connection of [...this.connections]) connection.end(reconnectAfterMs);
  }

  // ---- opening streams --------------------------------------------------------

  /** The log of a run's stream (made on first use for a run that has ended); NOT_FOUND for an unknown run. */
  runLog(execId: string): EventLog {
    const status = this.runs.status(execId);
    if (!status) throw notFound(`Run "${execId}" not found`);
    let stream = this.runStreams.get(execId);
    if (!stream) {
      stream = this.newRunStream(execId);
      stream.update(status);
    }
    return stream.log;
  }

  /** The log of a build's stream (made from its record when none is held); 400 for a bad name, NOT_FOUND without a record. */
  async buildLogOf(name: string): Promise<EventLog> {
    const status = this.builds.buildStatus(name);
    const held = this.buildStreams.get(status.name);
    if (held) return held.log;
    const lines = await this.builds.buildLines(status.name, TAIL_LINES);
    // A live event may have made the stream meanwhile.
    const made = this.buildStreams.get(status.name);
    if (made) return made.log;
    const stream = this.buildStream(status.name);
    if (lines.length) stream.log.append('log', { lines }, { lines: lines.length });
    this.buildChanged(this.builds.buildStatus(status.name));
    return stream.log;
  }

  dashboardLog(): EventLog {
    return this.dashboard;
  }

  /** Serves `log` on the request's socket, from after `resumeAfter` on. */
  open(log: EventLog, reply: FastifyReply, resumeAfter: number | undefined): void {
    reply.hijack();
    const connection = new SseConnection(
      reply.raw,
      log,
      resumeAfter,
      { keepAliveMs: this.config.EVENTS_KEEPALIVE_SECONDS * 1000, headers: reply.getHeaders() },
      (c) => this.connections.delete(c),
    );
    this.connections.add(connection);
  }

  // ---- feeding the logs -------------------------------------------------------

  private runChanged(execId: string): void {
    const status = this.runs.status(execId);
    const stream = this.runStreams.get(execId);
    if (!status) {
      // Deleted: its streams end, its history goes.
      stream?.deleted();
      this.runStreams.delete(execId);
      this.forgetDashboard(`exec:${execId}`);
      void this.metrics.remove(execId);
      return;
    }
    this.toDashboard('exec', execId, status);
    if (stream) stream.update(status);
    else if (!isFinalRunStatus(status.status)) this.newRunStream(execId).update(status);
  }

  private newRunStream(execId: string): RunStream {
    const stream = new RunStream(execId, this.runs, this.metrics, {
      limits: this.limits,
      watchFallbackMs: this.config.EVENTS_WATCH_FALLBACK_MS,
      tailLines: TAIL_LINES,
      serviceStartedAt: this.startedAt,
    });
    this.runStreams.set(execId, stream);
    this.trimEnded(
      this.runStreams,
      (s) => s.finished && s.log.subscribers === 0,
      (s) => s.dispose(),
    );
    return stream;
  }

  private buildChanged(build: BuildStatusView): void {
    this.toDashboard('image', build.name, build);
    let stream = this.buildStreams.get(build.name);
    // A new build of a name that was built before starts a new stream.
    if (!stream || (stream.log.isClosed && !isFinalBuildStatus(build.status))) stream = this.buildStream(build.name);
    if (stream.log.isClosed) return;
    stream.lines.flush();
    stream.log.append('status', build, { key: 'status' });
    if (isFinalBuildStatus(build.status)) {
      stream.log.append('end', build, { key: 'end' });
      stream.log.close();
    }
  }

  private buildLog(name: string, lines: string[]): void {
    const stream = this.buildStreams.get(name) ?? this.buildStream(name);
    for (const line of lines) stream.lines.add(line);
  }

  private buildStream(name: string): BuildStream {
    const log = new EventLog({ ...this.limits, maxBytes: Math.min(this.limits.maxBytes, BUILD_WINDOW_BYTES) });
    const stream: BuildStream = {
      log,
      lines: new LineBatcher((lines) => {
        if (!log.isClosed) log.append('log', { lines }, { lines: lines.length });
      }),
    };
    // A new build of a name starts a new stream.
    this.buildStreams.delete(name);
    this.buildStreams.set(name, stream);
    this.trimEnded(
      this.buildStreams,
      (s) => s.log.isClosed && s.log.subscribers === 0,
      () => undefined,
    );
    return stream;
  }

  private toDashboard(kind: 'exec' | 'image', id: string, status: object): void {
    const key = `${kind}:${id}`;
    const data = { kind, id, ...status };
    const text = statusText(data);
    if (this.dashboardLast.get(key) === text) return;
    this.dashboardLast.set(key, text);
    this.dashboard.append('status', data, { key });
  }

  private forgetDashboard(key: string): void {
    this.dashboardLast.delete(key);
    this.dashboard.forget(key);
  }

  /** Keeps at most MAX_IDLE_ENDED ended streams nobody reads (the oldest go first). */
  private trimEnded<T>(streams: Map<string, T>, idle: (s: T) => boolean, drop: (s: T) => void): void {
    let count = 0;
    for (const s of streams.values()) if (idle(s)) count++;
    for (const [key, s] of streams) {
      if (count <= MAX_IDLE_ENDED) return;
      if (!idle(s)) continue;
      drop(s);
      streams.delete(key);
      count--;
    }
  }
}
